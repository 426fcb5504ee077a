use super::*;

fn find<'a>(text: &'a str, ents: &'a [Entity], s: &str) -> Vec<&'a Entity> {
    ents.iter().filter(|e| &text[e.start..e.end] == s).collect()
}

#[test]
fn titles_and_roles() {
    // 000
    let t = "\"Mr. (Recep Tayyip Erdoğan),\" Foreign Minister Hakan Fidan said at a joint news conference with his Ukrainian counterpart, Andrii Sybiha, in Kyiv.";
    let e = find_entities(t);
    let f = find(t, &e, "Hakan Fidan");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, Kind::Person);
    assert_eq!(f[0].role.as_deref(), Some("Foreign Minister"));
    let r = find(t, &e, "Recep Tayyip Erdoğan");
    assert_eq!(r[0].canonical, "Recep Tayyip Erdoğan");
    assert_eq!(find(t, &e, "Kyiv")[0].kind, Kind::Place);
    // 001
    let t = "Kremlin spokesman Dmitry Peskov, who will represent Russia in Istanbul under pressure from journalists, declined to say, stressing that Putin has clearly outlined Russia's position.";
    let e = find_entities(t);
    let p = find(t, &e, "Dmitry Peskov");
    assert_eq!(p[0].role.as_deref(), Some("Kremlin spokesman"));
    assert_eq!(find(t, &e, "Kremlin")[0].kind, Kind::Org);
    assert_eq!(find(t, &e, "Putin")[0].canonical, "Vladimir Putin");
    // possessive 's left out of the span
    assert_eq!(find(t, &e, "Russia").len(), 2);
    // 003
    let t = "Ukraine’s chief of staff, Andriy Yermak, added that if Putin does not attend the meeting, it would be a clear indication that Russia is unwilling to end the conflict.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "Andriy Yermak")[0].role.as_deref(), Some("Ukraine’s chief of staff"));
    assert_eq!(find(t, &e, "Ukraine")[0].kind, Kind::Place);
}

#[test]
fn a_korean_name_is_resolved_by_its_family_name() {
    // BBC News, 18 January 2010 (Timeline17)
    let t = "UN Secretary General Ban Ki-moon arrived in Port-au-Prince on Sunday. \"I appeal to the Haitian people to be more patient,\" Mr Ban said.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "Ban")[0].canonical, "Ban Ki-moon");
    // a Western name's first name is not its surname
    let t = "Foreign Minister Hakan Fidan met reporters. Hakan said nothing.";
    let e = find_entities(t);
    assert!(find(t, &e, "Hakan").iter().all(|x| x.canonical != "Hakan Fidan"), "{e:?}");
}

#[test]
fn surname_resolution() {
    let t = "Turkish Foreign Minister Hakan Fidan met Ukrainian Foreign Minister Andrii Sybiha in Ankara. \
             Fidan said Turkey was ready to host the talks, and Sybiha thanked him.";
    let e = find_entities(t);
    let f = find(t, &e, "Fidan");
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].kind, f[0].canonical.as_str()), (Kind::Person, "Hakan Fidan"));
    assert_eq!(find(t, &e, "Sybiha")[0].canonical, "Andrii Sybiha");
    // editorial parentheses stay inside the span
    let t = "He proposed a meeting between Mr. (Donald) Trump, Mr. (Vladimir) Putin and Mr. (Volodymyr) Zelenskyy.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "(Donald) Trump")[0].canonical, "Donald Trump");
    assert_eq!(find(t, &e, "(Vladimir) Putin")[0].canonical, "Vladimir Putin");
    assert_eq!(find(t, &e, "(Volodymyr) Zelenskyy")[0].canonical, "Volodymyr Zelensky");
}

#[test]
fn a_name_never_ends_in_punctuation() {
    // seed 003: the tagger with word clusters read the question mark as part of the name
    let t = "\"And what about Putin? Is he afraid? We'll see,\" Zelensky said on Friday.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "Putin")[0].canonical, "Vladimir Putin");
    assert!(e.iter().all(|x| text_ends_alnum(&t[x.start..x.end])), "{e:?}");
}

fn text_ends_alnum(s: &str) -> bool {
    s.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '.')
}

#[test]
fn spelling_merges() {
    let t = "Zelenskyy spoke to Zelensky's aides while Kiev, Kief and Kyiv waited. Erdogan and Erdoğan met in Türkiye, not Turkey. The U.S., the US, the United States, the UK, the U.K. and the EU agreed.";
    let e = find_entities(t);
    for (s, c) in [
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Zelensky", "Volodymyr Zelensky"),
        ("Kiev", "Kyiv"),
        ("Kief", "Kyiv"),
        ("Kyiv", "Kyiv"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Erdoğan", "Recep Tayyip Erdoğan"),
        ("Türkiye", "Turkey"),
        ("Turkey", "Turkey"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("United States", "United States"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("EU", "European Union"),
    ] {
        let m = find(t, &e, s);
        assert!(!m.is_empty(), "{} not found in {:?}", s, e);
        assert_eq!(m[0].canonical, c, "{}", s);
    }
    assert_eq!(merge_key("Zelenskyy", Kind::Person), "zelensky");
    assert_eq!(merge_key("Volodymyr Zelenskiy", Kind::Person), "zelensky");
    assert_eq!(merge_key("Zelensky", Kind::Person), "zelensky");
    assert_eq!(merge_key("Kiev", Kind::Place), merge_key("Kyiv", Kind::Place));
    assert_eq!(merge_key("Kief", Kind::Place), "kyiv");
    assert_eq!(merge_key("Erdogan", Kind::Person), merge_key("Recep Tayyip Erdoğan", Kind::Person));
    assert_eq!(merge_key("Türkiye", Kind::Place), merge_key("Turkey", Kind::Place));
    assert_eq!(merge_key("U.S.", Kind::Place), "united states");
}

#[test]
fn quotes_and_platforms() {
    // 003 / 004
    let t = "“President Putin of Russia doesn't want to have a Cease Fire Agreement with Ukraine, but rather wants to meet on Thursday, in Turkey, to negotiate a possible end to the BLOODBATH,” Trump wrote on Truth Social.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "Putin")[0].canonical, "Vladimir Putin");
    assert_eq!(find(t, &e, "Ukraine")[0].kind, Kind::Place);
    assert_eq!(find(t, &e, "Turkey")[0].kind, Kind::Place);
    assert_eq!(find(t, &e, "Truth Social")[0].kind, Kind::Org);
    let t = "In a message posted on X (formerly Twitter), Zelensky said Moscow accuses Ukraine and the West.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "X")[0].kind, Kind::Org);
    assert_eq!(find(t, &e, "Twitter")[0].canonical, "X");
    let w = find(t, &e, "West");
    assert_eq!((w[0].kind, w[0].canonical.as_str()), (Kind::Place, "Western world"));
    assert!(find(t, &e, "Ukrainian").is_empty());
}

/// Issue 13: in a report on the BP oil spill, "the Gulf" is the Gulf of Mexico it names, and BP
/// is BP however a paper spells it; elsewhere "the Gulf" is the Persian Gulf.
#[test]
fn the_gulf_is_the_one_the_text_names() {
    let t = "BP's well leaked oil into the Gulf of Mexico for 87 days. Fishermen across the Gulf lost their season, and B.P. set up a fund.";
    let e = find_entities(t);
    assert!(e.iter().all(|x| x.canonical != "Persian Gulf"), "{e:?}");
    let gulf: Vec<&Entity> = e.iter().filter(|x| &t[x.start..x.end] == "Gulf").collect();
    assert!(gulf.iter().all(|x| x.canonical == "Gulf of Mexico"), "{gulf:?}");
    assert!(find(t, &e, "B.P.").iter().all(|x| x.canonical == "BP"), "{e:?}");
    let t = "Oil tankers in the Gulf region slowed after the strikes.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "Gulf")[0].canonical, "Persian Gulf");
}

#[test]
fn oblasts_and_regions() {
    let t = "Moscow illegally annexed Donetsk, Luhansk, Kherson and Zaporizhia regions, and the Crimean Peninsula.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "Donetsk")[0].canonical, "Donetsk Oblast");
    assert_eq!(find(t, &e, "Zaporizhia")[0].canonical, "Zaporizhzhia Oblast");
    assert_eq!(find(t, &e, "Crimean Peninsula")[0].canonical, "Crimea");
    assert_eq!(find(t, &e, "Moscow")[0].kind, Kind::Place);
}

#[test]
fn conll_style() {
    let t = "SOCCER - JAPAN GET LUCKY WIN.\nLONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four for 38 as Leicestershire beat Somerset.";
    let e = find_entities(t);
    assert_eq!(find(t, &e, "LONDON")[0].kind, Kind::Place);
    assert_eq!(find(t, &e, "Phil Simmons")[0].kind, Kind::Person);
    assert_eq!(find(t, &e, "Leicestershire")[0].kind, Kind::Org);
}

#[test]
fn offsets_are_char_boundaries_and_no_panic_on_random_strings() {
    let alphabet: Vec<char> = "aZ .,'’\"“”()-\n\tÉéğİıß字😀0U.S.K'sMr.X".chars().collect();
    let mut seed: u64 = 42;
    for n in 0..3000 {
        let len = (n % 80) as usize;
        let mut s = String::new();
        for _ in 0..len {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        if n % 3 == 0 {
            s.push_str(" (Donald) Trump met Zelenskyy in Kyiv-Moscow U.S.-led ");
        }
        for e in find_entities(&s) {
            assert!(e.start < e.end && e.end <= s.len());
            assert!(s.is_char_boundary(e.start) && s.is_char_boundary(e.end));
            let _ = merge_key(&s[e.start..e.end], e.kind);
        }
    }
    assert!(find_entities("").is_empty());
    let _ = merge_key("", Kind::Person);
}

#[test]
fn names_the_tagger_breaks_are_mended() {
    // BBC, Timeline17 bpoil: the tagger read "Gulf of" and "Mexico" as two places
    let t = "The potentially devastating slick from a damaged oil well in the Gulf of Mexico is only part of the headache currently facing BP.";
    let e = find_entities(t);
    let g = find(t, &e, "Gulf of Mexico");
    assert_eq!(g.len(), 1, "{e:?}");
    assert_eq!(g[0].kind, Kind::Place);
    assert!(find(t, &e, "Gulf of").is_empty() && find(t, &e, "Mexico").is_empty(), "{e:?}");
    // BBC, Timeline17 H1N1: "World" (OTHER) + "Health Organization" (ORG)
    let t = "The outbreak in Mexico has the potential to become a pandemic, the World Health Organization's chief says. Margaret Chan said the outbreak was a health emergency.";
    let e = find_entities(t);
    let w = find(t, &e, "World Health Organization");
    assert_eq!(w.len(), 1, "{e:?}");
    assert_eq!(w[0].kind, Kind::Org);
    // CoNLL-2003 keeps "Ohio-based" apart from the company
    let t = "Ohio-based KeyCorp said on Tuesday it would sell its credit card business.";
    let e = find_entities(t);
    assert!(e.iter().all(|x| !t[x.start..x.end].starts_with("Ohio-based")), "{e:?}");
}

#[test]
fn a_name_in_capitals_takes_the_spelling_the_text_gives_it() {
    // a Timeline17 BBC page: a dateline in capitals, the name in the body
    let t = "PHILADELPHIA\nThe Philadelphia 76ers fired their coach on Saturday. Philadelphia lost nine of its last ten games.";
    let e = find_entities(t);
    let caps: Vec<&Entity> = e.iter().filter(|x| &t[x.start..x.end] == "PHILADELPHIA").collect();
    assert!(!caps.is_empty(), "{e:?}");
    for c in caps {
        assert_eq!(c.canonical, "Philadelphia", "{e:?}");
    }
}

#[test]
fn a_heading_in_capitals_names_nothing_by_its_common_words() {
    // BBC, 16 July 2010 (Timeline17): a graphic's title run into the text
    let t = "NEW CAP FOR LEAKING OIL WELL In June, BP placed a cap, known as an LMRP cap, over the top of the Deepwater Horizon well so oil could be collected at the surface.\nNEW CAP FOR LEAKING OIL WELL When engineers removed the LMRP cap on 10 July, oil began to freely flow from the top of the blowout preventer once more.\nNEW CAP FOR LEAKING OIL WELL Engineers then bolted on a new capping stack onto the blowout preventer (BOP).";
    let e = find_entities(t);
    assert!(e.iter().all(|x| !matches!(&t[x.start..x.end], "NEW" | "CAP" | "WELL" | "NEW CAP" | "OIL WELL")), "{e:?}");
    assert!(e.iter().any(|x| &t[x.start..x.end] == "BP"), "{e:?}");
    // a place in a heading stays
    let t = "PEACE TALKS IN ISTANBUL END WITHOUT A DEAL\nThe talks ended after two hours, and the delegations went home.";
    let e = find_entities(t);
    assert!(e.iter().any(|x| &t[x.start..x.end] == "ISTANBUL"), "{e:?}");
}

#[test]
fn a_headline_in_title_case_names_nothing_by_its_capitalised_common_words() {
    // NeuS (Breitbart, Fox News): headlines in Title Case over a first paragraph
    let t = "Brett Kavanaugh Calls Allegations a ‘Political Hit’.\n\nA fiery, tearful Brett Kavanaugh defended his nomination to the Supreme Court and his personal reputation against allegations of sexual assault in an extraordinary Senate Judiciary Committee hearing Thursday.";
    let e = find_entities(t);
    let names: Vec<&str> = e.iter().map(|x| &t[x.start..x.end]).collect();
    assert!(!names.iter().any(|n| n.contains("Calls") || n.contains("Allegations")), "{names:?}");
    assert_eq!(names.iter().filter(|n| **n == "Brett Kavanaugh").count(), 2, "{names:?}");
    let t = "Senate Hearings Set To Begin For The ‘Forrest Gump Of Republican Politics’.\n\nWhen Brett Kavanaugh goes before the Senate Judiciary Committee, he will do so as one of the most political Supreme Court nominees in modern history.";
    let e = find_entities(t);
    let names: Vec<&str> = e.iter().map(|x| &t[x.start..x.end]).collect();
    assert!(!names.iter().any(|n| n.contains("Begin") || *n == "Gump"), "{names:?}");
    let t = "Hey, Dianne, If Your Secret Letter That Could Clip Kavanaugh Was Serious, Why Did You Wait So Long To Contact The FBI?.\n\nSenate Democrats know they’re going to be defeated on the Supreme Court nomination of Judge Brett Kavanaugh.";
    let e = find_entities(t);
    let names: Vec<&str> = e.iter().map(|x| &t[x.start..x.end]).collect();
    assert!(names.contains(&"Kavanaugh") && names.contains(&"FBI"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("Serious") || *n == "Hey"), "{names:?}");
    // a line of names alone is no headline in Title Case: its names stay whole
    let t = "Russian President Vladimir Putin Meets Turkish President Recep Tayyip Erdogan\nThe two presidents met in Sochi.";
    let e = find_entities(t);
    assert!(e.iter().any(|x| &t[x.start..x.end] == "Vladimir Putin"), "{e:?}");
    assert!(e.iter().any(|x| t[x.start..x.end].contains("Erdogan")), "{e:?}");
}

/// Reuters, 11 January 2011 (Timeline17): a time stamp and a chronology's dates are no person
/// "Tue Jan"; Jan Egeland is one.
#[test]
fn abbreviated_days_and_months_before_a_day_are_no_names() {
    let text = "LONDON | Tue Jan 11, 2011 4:17 pm EST Jan 11 (Reuters) - The BP oil spill killed 11 workers.\nJan. 5 - BP and its partners made a series of cost-cutting decisions.\nJan Egeland, the U.N. aid chief, said the response was slow.";
    let found = find_entities(text);
    let names: Vec<&str> = found.iter().map(|e| &text[e.start..e.end]).collect();
    assert!(!names.iter().any(|n| n.starts_with("Tue") || *n == "Jan" || *n == "Jan."), "{names:?}");
    assert!(names.contains(&"Jan Egeland"), "{names:?}");
}
