//! The rows the Reserves view reads. Reserves is the first view, so a split build embeds only
//! these (build.rs includes this file) and the rest of the dataset comes on demand, with the first
//! other part a reader opens. Written against the model alone, so build.rs can compile it.

use crate::data::model::{source_ids, Country, Dataset, Discovery, Publisher, Source};

/// The part of `d` the Reserves view reads: reserves and production with the sources they cite,
/// the Liangshan announcement it draws beside China's bar, and the names (countries, publishers)
/// of those rows. The other views' rows and names, the article's claims, the events the charts of
/// later views mark, magnet exports and corrections are left for later.
pub fn embedded(d: &Dataset) -> Dataset {
    let beside: Vec<Discovery> = d
        .discoveries
        .iter()
        .filter(|f| f.is_china_resource_addition())
        .copied()
        .collect();
    let cells = d
        .reserves
        .iter()
        .map(|r| r.sources)
        .chain(d.production.iter().map(|p| p.sources))
        .chain(beside.iter().map(|f| f.sources));
    let cited: Vec<&str> = cells.flat_map(source_ids).collect();
    let sources: Vec<Source> = d
        .sources
        .iter()
        .filter(|s| cited.contains(&s.id))
        .copied()
        .collect();
    // Names travel with the rows that print them: every source the later views add would
    // otherwise grow the first download by its publisher's name.
    let publishers: Vec<Publisher> = d
        .publishers
        .iter()
        .filter(|p| sources.iter().any(|s| s.publisher == p.name))
        .copied()
        .collect();
    let places = d
        .reserves
        .iter()
        .map(|r| r.country)
        .chain(d.production.iter().map(|p| p.country))
        .chain(beside.iter().map(|f| f.country));
    let places: Vec<&str> = places.collect();
    let countries: Vec<Country> = d
        .countries
        .iter()
        .filter(|c| places.contains(&c.name))
        .copied()
        .collect();
    Dataset {
        sources: sources.leak(),
        discoveries: beside.leak(),
        countries: countries.leak(),
        publishers: publishers.leak(),
        quotas: &[],
        quota_batches: &[],
        exports_annual: &[],
        exports_monthly: &[],
        prices: &[],
        claims: &[],
        events: &[],
        magnets: &[],
        corrections: &[],
        ..*d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{dataset, pack};

    #[test]
    fn the_first_view_embeds_its_own_rows_and_names_and_the_rows_file_brings_the_rest() {
        let whole = dataset();
        let part = embedded(whole);
        assert!(part.events.is_empty() && part.magnets.is_empty() && part.corrections.is_empty());
        // Names of the first view's own rows only: Chinese names of the sources only later views
        // cite, and of the places only they show, come with the rows file.
        assert!(part.publishers.len() < whole.publishers.len());
        assert!(part
            .publishers
            .iter()
            .all(|p| part.sources.iter().any(|s| s.publisher == p.name)));
        assert!(part.countries.iter().any(|c| c.name == "Brazil"));
        assert!(part.countries.iter().all(|c| c.name != "Japan"));
        let file = pack::encode(whole, &part, &Vec::new()).expect("encodes");
        let (d, _) = pack::decode(&part, file.leak()).expect("decodes");
        assert_eq!(d.events, whole.events);
        assert_eq!(d.magnets, whole.magnets);
        assert_eq!(d.corrections, whole.corrections);
        assert_eq!(d.countries, whole.countries);
        assert_eq!(d.publishers, whole.publishers);
    }
}
