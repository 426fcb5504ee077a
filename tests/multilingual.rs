//! Issue 18: a report in Ukrainian beside the English seeds. The fixture
//! (`tests/fixtures/multilingual/uk_2025-05-11_zelensky.txt`, written from the seeds' facts) is
//! ingested with `examples/`: it joins the seeds' story, its people are the English ones under
//! their canonical names, and Zelensky's words in « » are his quote.

use crate::util::*;

const UK: &str = "uk_2025-05-11_zelensky";

fn with_seeds() -> Env {
    let env = Env::new();
    env.run(&["ingest", examples().to_str().unwrap()]).ok();
    env.run(&["ingest", fixture("multilingual/uk_2025-05-11_zelensky.txt").to_str().unwrap()]).ok();
    env
}

#[test]
fn the_ukrainian_report_is_read_in_ukrainian() {
    let out = Env::new().json(&["extract", fixture("multilingual/uk_2025-05-11_zelensky.txt").to_str().unwrap()]);
    assert_eq!(out["language"], "uk", "{out}");
    let names: Vec<(&str, &str)> = out["entities"].as_array().unwrap().iter().map(|e| (e["kind"].as_str().unwrap(), e["canonical"].as_str().unwrap())).collect();
    for want in [("PERSON", "Volodymyr Zelensky"), ("PERSON", "Vladimir Putin"), ("PERSON", "Donald Trump"), ("PLACE", "Istanbul"), ("PLACE", "Turkey"), ("PLACE", "Kyiv")] {
        assert!(names.contains(&want), "{want:?} not in {names:?}");
    }
    // Zelensky's words between « », attributed by "— написав Зеленський"
    let quotes = out["quotes"].as_array().unwrap();
    let q = quotes.iter().find(|q| q["speaker"] == "Volodymyr Zelensky").unwrap_or_else(|| panic!("no quote of Zelensky in {quotes:?}"));
    let text = std::fs::read_to_string(fixture("multilingual/uk_2025-05-11_zelensky.txt")).unwrap();
    let said: String = text.chars().skip(q["start"].as_u64().unwrap() as usize).take((q["end"].as_u64().unwrap() - q["start"].as_u64().unwrap()) as usize).collect();
    assert!(said.starts_with("Чекаємо на повне") && said.contains("Особисто"), "{said}");
    // "готовий зустрітися … в четвер" (11 May 2025) is the coming Thursday, never the last one
    let thursday: Vec<&str> = out["times"].as_array().unwrap().iter().filter(|t| t["text"].as_str().unwrap().contains("четвер")).map(|t| t["value"].as_str().unwrap()).collect();
    assert!(!thursday.is_empty() && !thursday.contains(&"2025-05-08"), "{thursday:?}");
}

#[test]
fn an_original_in_another_language_is_not_called_a_machine_translation() {
    let env = with_seeds();
    let a = env.json(&["article", "--json", UK]);
    let flags: Vec<&str> = a["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(flags.contains(&"not-english") && !flags.contains(&"machine-translated"), "{flags:?}");
    // and no timeline entry of the story puts its Thursday on 8 May
    let d = env.json(&["show", "--json", UK]);
    assert!(d["timeline"].as_array().unwrap().iter().all(|e| e["date"] != "2025-05-08"), "{}", d["timeline"]);
}

#[test]
fn the_ukrainian_report_joins_the_seed_story_and_names_zelensky() {
    let env = with_seeds();
    let a = env.json(&["article", "--json", UK]);
    let seed = env.json(&["article", "--json", "004_6256e4e3a3d5f00d"]);
    assert_eq!(a["story"], seed["story"], "the Ukrainian report is in the story of seed 004");
    let people = env.json(&["people", "--json"]);
    let people = people.as_array().unwrap();
    let z = people.iter().find(|p| p["name"] == "Volodymyr Zelensky").unwrap_or_else(|| panic!("no Volodymyr Zelensky in {people:?}"));
    assert!(z["articles"].as_array().unwrap().iter().any(|x| x == UK), "{z}");
    assert!(z["spellings"].as_array().unwrap().iter().any(|x| x.as_str().unwrap().starts_with("Зеленськ")), "{z}");
    // his words in Ukrainian are one utterance with their English wordings in seeds 003 and 004
    let quotes = env.json(&["quotes", "--json", "--speaker", "Zelensky"]);
    let groups: Vec<&serde_json::Value> = match &quotes {
        serde_json::Value::Array(a) => a.iter().collect(),
        q => q["items"].as_array().unwrap().iter().collect(),
    };
    let carriers = |g: &serde_json::Value| g["variants"].as_array().unwrap().iter().map(|v| v["article"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let with_uk: Vec<Vec<String>> = groups.iter().map(|g| carriers(g)).filter(|c| c.iter().any(|a| a == UK)).collect();
    assert!(
        with_uk.iter().any(|c| c.iter().any(|a| a.starts_with("003_")) && c.iter().any(|a| a.starts_with("004_"))),
        "the Ukrainian quote is in no group with 003 and 004: {with_uk:?}"
    );
    // and nobody else under a Cyrillic name of his
    assert!(people.iter().all(|p| !p["name"].as_str().unwrap().starts_with("Зеленськ") && !p["name"].as_str().unwrap().starts_with("Zelensk")), "{people:?}");
}
