//! The extractors through the real binary, on the seed articles: quotes with speakers, quote
//! groups across outlets, entities merged across spellings, times anchored on the date.

use crate::util::*;

fn ingested() -> Env {
    let env = Env::new();
    env.run(&["ingest", examples().to_str().unwrap()]).ok();
    env
}

fn extract(file: &str, published: &str) -> serde_json::Value {
    let env = Env::new();
    let r = env.run(&["extract", "--published", published, examples().join(file).to_str().unwrap()]).ok();
    serde_json::from_str(r.stdout.trim()).unwrap()
}

#[test]
fn quotes_carry_speaker_mention_and_cue_as_code_point_spans() {
    let j = extract("000_160323196c8ef240.txt", "2025-05-30");
    let text = std::fs::read_to_string(examples().join("000_160323196c8ef240.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let cut = |s: &serde_json::Value| -> String {
        chars[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize].iter().collect()
    };
    let quotes = j["quotes"].as_array().unwrap();
    assert!(quotes.len() >= 10, "{}", quotes.len());
    for q in quotes {
        assert_eq!(cut(q), q["text"].as_str().unwrap(), "offsets slice the text");
        for k in ["speaker_mention", "cue"] {
            if !q[k].is_null() {
                assert_eq!(cut(&q[k]), q[k]["text"].as_str().unwrap());
            }
        }
    }
    // "… ," he added.  →  the pronoun resolves to Andrii Sybiha
    let q = quotes.iter().find(|q| q["text"].as_str().unwrap().starts_with("As long as Moscow continues")).unwrap();
    assert_eq!(q["speaker"], "Andrii Sybiha");
    assert_eq!(q["speaker_mention"]["text"], "he");
    assert_eq!(q["cue"]["text"], "added");
    assert_eq!(q["partial"], false);
    // the so-called memorandum is nobody's words
    assert!(!quotes.iter().any(|q| q["text"] == "memorandum"));
    // Kremlin spokesman Dmitry Peskov
    assert!(quotes.iter().any(|q| q["speaker"] == "Dmitry Peskov"));
}

#[test]
fn zelenskys_waiting_for_putin_is_one_group_across_001_003_004() {
    let env = ingested();
    let groups = env.json(&["quotes", "--json", "--speaker", "Zelenskyy"]);
    let g = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["variants"].as_array().unwrap().iter().any(|v| v["text"].as_str().unwrap().contains("wait for Putin (Turkey) on Thursday")))
        .expect("the group");
    assert_eq!(g["speaker"], "Volodymyr Zelensky");
    let mut carriers: Vec<&str> = g["variants"].as_array().unwrap().iter().map(|v| v["article"].as_str().unwrap()).collect();
    carriers.sort();
    carriers.dedup();
    assert_eq!(carriers, ["001_873a97ae2b813c16", "003_e40ca249782feb7f", "004_6256e4e3a3d5f00d"]);
    assert_eq!(g["articles"], 3);
    // 003 is dated by its header; the earliest carrier is a dated one
    assert!(["003_e40ca249782feb7f", "004_6256e4e3a3d5f00d"].contains(&g["first_article"].as_str().unwrap()));
    // re-ingesting changes no group
    let before = env.json(&["quotes", "--json"]);
    env.run(&["ingest", examples().to_str().unwrap()]).ok();
    assert_eq!(before, env.json(&["quotes", "--json"]));
}

#[test]
fn quotes_listing_by_speaker_reads_well() {
    let env = ingested();
    let out = env.run(&["quotes", "--speaker", "Peskov"]).ok().stdout;
    assert!(out.starts_with("Dmitry Peskov\n"), "{out}");
    assert!(out.contains("fundamentally in favor of high-level"));
}

#[test]
fn spelling_variants_are_one_person_and_one_place() {
    let env = ingested();
    let people = env.json(&["people", "--json"]);
    let zel: Vec<&serde_json::Value> = people.as_array().unwrap().iter().filter(|p| p["name"].as_str().unwrap().contains("Zelensk")).collect();
    assert_eq!(zel.len(), 1, "one Zelensky: {zel:?}");
    let spellings: Vec<&str> = zel[0]["spellings"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(spellings.contains(&"Zelenskyy") && spellings.contains(&"Zelensky"), "{spellings:?}");
    let kyiv = env.json(&["entity", "--json", "Kief"]);
    assert_eq!(kyiv["name"], "Kyiv");
    assert_eq!(kyiv["kind"], "PLACE");
    let sp: Vec<&str> = kyiv["spellings"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    for s in ["Kyiv", "Kiev", "Kief"] {
        assert!(sp.contains(&s), "{sp:?}");
    }
    let erdogan = env.json(&["entity", "--json", "Erdogan"]);
    assert_eq!(erdogan["name"], "Recep Tayyip Erdoğan");
    let turkey = env.json(&["entity", "--json", "Türkiye"]);
    assert_eq!(turkey["name"], "Turkey");
    let missing = env.run(&["entity", "Nobody Atall"]);
    assert_eq!(missing.code, 1);
}

#[test]
fn people_carry_their_roles_with_sources() {
    let env = ingested();
    let fidan = env.json(&["entity", "--json", "Fidan"]);
    assert_eq!(fidan["name"], "Hakan Fidan");
    let roles: Vec<&str> = fidan["roles"].as_array().unwrap().iter().map(|r| r["role"].as_str().unwrap()).collect();
    assert!(roles.iter().any(|r| r.contains("Foreign Minister")), "{roles:?}");
    assert_eq!(fidan["roles"][0]["sources"][0], "000_160323196c8ef240");
    let peskov = env.json(&["entity", "--json", "Dmitry Peskov"]);
    assert!(peskov["roles"].as_array().unwrap().iter().any(|r| r["role"] == "Kremlin spokesman"));
}

#[test]
fn times_are_anchored_on_the_publication_date() {
    let j = extract("003_e40ca249782feb7f.txt", "2025-05-11");
    let times = j["times"].as_array().unwrap();
    let find = |t: &str| times.iter().find(|x| x["text"] == t).unwrap_or_else(|| panic!("{t} not in {times:?}"));
    assert_eq!(find("Sunday")["value"], "2025-05-11");
    assert_eq!(find("30-day")["value"], "P30D");
    assert_eq!(find("30-day")["type"], "DURATION");
    assert_eq!(find("March 2022")["value"], "2022-03");
    // planned: the coming Thursday
    assert!(times.iter().any(|x| x["text"] == "Thursday" && x["value"] == "2025-05-15"));
}

#[test]
fn article_json_carries_its_layers() {
    let env = ingested();
    let a = env.json(&["article", "--json", "004_6256e4e3a3d5f00d"]);
    for k in ["quotes", "times", "entities"] {
        assert!(!a[k].as_array().unwrap().is_empty(), "{k}");
    }
    let text = env.run(&["article", "004_6256e4e3a3d5f00d"]).ok().stdout;
    assert!(text.contains("Quotes") && text.contains("People:") && text.contains("Places:"), "{text}");
}

#[test]
fn extract_gives_whole_sentences_as_code_point_spans() {
    let file = "004_6256e4e3a3d5f00d.txt";
    let j = extract(file, "2025-05-11");
    let text = std::fs::read_to_string(examples().join(file)).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let sents = j["sentences"].as_array().unwrap();
    assert!(sents.len() >= 10, "{}", sents.len());
    let mut last = 0;
    for s in sents {
        let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert!(a >= last && b > a, "ordered, non-overlapping, non-empty");
        let cut: String = chars[a..b].iter().collect();
        assert_eq!(cut.trim(), cut, "trimmed");
        last = b;
    }
    // every quote lies within the sentences (no sentence cut leaves a quote outside)
    let starts: Vec<usize> = sents.iter().map(|s| s["start"].as_u64().unwrap() as usize).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn titles_and_initials_do_not_cut_sentences() {
    let env = Env::new();
    let f = env.dir.path().join("t.txt");
    std::fs::write(&f, "Mr. Putin met Gen. Smith in St. Petersburg on Monday. Vermont Sen. Bernie Sanders said on Jan. 6 that the U.S. would wait. He left.").unwrap();
    let r = env.run(&["extract", f.to_str().unwrap()]).ok();
    let j: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let ends: Vec<u64> = j["sentences"].as_array().unwrap().iter().map(|s| s["end"].as_u64().unwrap()).collect();
    assert_eq!(ends, [53, 122, 131]);
}
