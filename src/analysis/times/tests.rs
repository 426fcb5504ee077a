use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
/// (span text, value) pairs found in `text`
fn tx(text: &str, anchor: &str) -> Vec<(String, String, TimeType)> {
    find_times(text, Some(d(anchor))).into_iter().map(|t| (text[t.start..t.end].to_string(), t.value, t.kind)).collect()
}
fn has(text: &str, anchor: &str, span: &str, value: &str) {
    let r = tx(text, anchor);
    assert!(r.iter().any(|(s, v, _)| s == span && v == value), "{:?} not in {:?}", (span, value), r);
}

#[test]
fn weekdays_by_tense_seeds() {
    // 000 (Fri 2025-05-30)
    has("Türkiye on Friday proposed to host a meeting between the leaders.", "2025-05-30", "Friday", "2025-05-30");
    has("Russia said it will be \"ready\" for a second round of talks with Kyiv on Monday, though Kyiv has yet to confirm.", "2025-05-30", "Monday", "2025-06-02");
    has("Russia told a U.N. Security Council meeting Thursday, a U.S. envoy said.", "2025-05-30", "Thursday", "2025-05-29");
    // 003 / 004 (Sun 2025-05-11)
    has("Zelensky said he would be “waiting for Putin in Turkey on Thursday,” without saying more.", "2025-05-11", "Thursday", "2025-05-15");
    has("On a visit to Kyiv on Saturday the leaders of France, the U.K. and Germany demanded a ceasefire.", "2025-05-11", "Saturday", "2025-05-10");
    has("Ukraine would only engage in negotiations if the ceasefire is observed from Monday.", "2025-05-11", "Monday", "2025-05-12");
    has("Earlier on Sunday, President Putin suggested restarting the talks.", "2025-05-11", "Sunday", "2025-05-11");
    has("Putin is invited for a face-to-face meeting in Turkey this Thursday.", "2025-05-11", "this Thursday", "2025-05-15");
    // 001 (Wed 2025-05-14)
    has("Zelenskyy said on Tuesday that he will meet Turkish President Recep Tayyip Erdogan.", "2025-05-14", "Tuesday", "2025-05-13");
}

#[test]
fn weekday_tense_by_clause() {
    // a past verb governs a purpose infinitive: still the past Friday
    has("Telerate shares fell 50 cents on Friday to close at $20 each in New York Stock Exchange composite trading.", "1989-10-30", "Friday", "1989-10-27");
    has("The Hungarian government staged a number of celebrations to mark the country's entry into NATO on Friday.", "1999-03-13", "Friday", "1999-03-12");
    // a cue in the next clause does not decide: planned → the coming Saturday
    has("Protesters planned a large demonstration in Little Havana on Saturday and were planning to drive around Miami International Airport on Monday.", "2000-01-07", "Saturday", "2000-01-08");
    // a sentence opening "Until Thursday," looks back
    has("Until Thursday, they had not called Kopp a suspect.", "1999-05-07", "Thursday", "1999-05-06");
    // the reporter's "said" outside the quote does not make the quoted "will leave" past
    has("``This courageous father will leave at 4 in the morning (4 a.m. EDT Thursday),'' Castro said.", "2000-04-05", "4 a.m. EDT Thursday", "2000-04-06T04:00");
    // a passive participle is no past cue
    has("The next round of talks will be held on Thursday in Istanbul.", "2025-05-11", "Thursday", "2025-05-15");
    // verbs of intent govern what follows
    has("Turkey proposed to host the leaders in Istanbul on Thursday.", "2025-05-11", "Thursday", "2025-05-15");
}

#[test]
fn bare_weekdays_under_modals_look_ahead() {
    // PolNeAR (wash-post, Sunday 2016-01-31, before the Iowa caucuses of Monday 1 February)
    has("What could start this process is a surprisingly strong finish by Rubio here Monday.", "2016-01-31", "Monday", "2016-02-01");
    // PolNeAR (wash-post, Saturday 2016-04-30; Indiana voted on Tuesday 3 May)
    let t = "INDIANAPOLIS - Ted Cruz, who badly needs a win in Tuesday's GOP primary in Indiana, received the endorsement of Gov. Mike Pence (R) on Friday.";
    has(t, "2016-04-30", "Tuesday", "2016-05-03");
    has(t, "2016-04-30", "Friday", "2016-04-29");
    // PolNeAR (usa-today, Thursday 2016-02-18; the Nevada caucuses of Saturday 20 February)
    has("They can't make the same argument about Nevada, where minority voters in 2008 accounted for 30% of caucusgoers, a number that could be higher on Saturday.", "2016-02-18", "Saturday", "2016-02-20");
    // PolNeAR (wash-post, Wednesday 2016-07-13): "is set to" is an intent, not a past "set"
    has("Sullivan is set to hear oral arguments over the three deposition requests Monday.", "2016-07-13", "Monday", "2016-07-18");
    // PolNeAR (wash-post, Monday 2016-06-27)
    has("\"We really can win on Tuesday - seven or eight thousand votes is very achievable,\" said Sanders as he closed out.", "2016-06-27", "Tuesday", "2016-06-28");
}

#[test]
fn modals_that_look_back_are_no_cue() {
    // PolNeAR (wash-post, Sunday 2016-05-29): the reporter's "could not be reached"
    has("Campaign and legal representatives for Trump could not be reached for comment Saturday.", "2016-05-29", "Saturday", "2016-05-28");
    // PolNeAR (wash-post, Thursday 2016-03-24): "could have" speaks of the Tuesday just past
    has("Kasich did not play the role of spoiler that he could have Tuesday, but he might in some upcoming primaries.", "2016-03-24", "Tuesday", "2016-03-22");
    // TBAQ APW20000106.0064 (Thursday 2000-01-06): "could be located" is the reporter's search
    has("Neither he nor Elian's four grandparents could be located Wednesday in their hometown of Cardenas, east of Havana.", "2000-01-06", "Wednesday", "2000-01-05");
}

#[test]
fn past_days_named_for_their_events() {
    // PolNeAR (Thursday 2016-09-29, after the debate of Monday 26 September): "Following" is a
    // preposition here, not "the following Monday"
    has("Following Monday\u{2019}s presidential debate Politifact did a fact-check on Trump's claim.", "2016-09-29", "Monday", "2016-09-26");
    // PolNeAR (west-journal, Friday 2016-03-04, the day after the debate): "coming off" is no
    // future cue
    has("Kasich is coming off a strong debate Thursday night, when many commentators called him \u{201c}the grownup on the stage\u{201d} amidst the food fight.", "2016-03-04", "Thursday night", "2016-03-03TNI");
}

#[test]
fn parts_of_days_and_periods() {
    let r = tx("As of Wednesday evening, Lazaro Gonzalez still had not signed an agreement.", "2000-03-29");
    assert!(r.iter().any(|(s, v, k)| s == "Wednesday evening" && v == "2000-03-29TEV" && *k == TimeType::Time), "{r:?}");
    has("Gunmen attacked the convoy Saturday night.", "1991-02-25", "Saturday night", "1991-02-23TNI");
    has("Rescue workers needed about 5 1/2 hours to reach the site.", "1998-08-17", "5 1/2 hours", "PT5H30M");
    has("The agreement runs for 2 1/2 years.", "1998-02-27", "2 1/2 years", "P2Y6M");
    // a reporting period is a duration
    has("Cilcorp said the businesses to be acquired had revenue of $76 million for the year ended March 31.", "1989-11-01", "the year", "P1Y");
    // "the following year" counts from the year just mentioned
    let t = "On May 22, 1995, Farkas was made a brigadier general, and the following year he was appointed military attache.";
    has(t, "1998-04-18", "May 22, 1995", "1995-05-22");
    has(t, "1998-04-18", "the following year", "1996");
    has("In the 1988 quarter, the company earned $20.6 million.", "1989-10-26", "the 1988 quarter", "1988-Q3");
}

#[test]
fn holidays_as_modifiers_and_fronted_adverbials() {
    let r = tx("Mexico retaliated against Christmas trees rather than car engines.", "2016-09-28");
    assert!(r.is_empty(), "{r:?}");
    has("Peace talks resumed after Christmas.", "2016-09-28", "Christmas", "2015-12-25");
    has("Peace talks will resume after Christmas.", "2016-09-28", "Christmas", "2016-12-25");
    // the main clause after a fronted "By 2019," decides the tense
    assert_eq!(tense_of("Scholars modeled what would happen. By 2019, the trade war would cost hundreds of billions.", "2019"), 1);
    assert_eq!(tense_of("On Monday, PolitiFact announced it will have 18 fact-checkers.", "monday"), -1);
}

/// The tense read at the first token `word` of `text`.
fn tense_of(text: &str, word: &str) -> i32 {
    let layer = crate::text::TextLayer::new(text, None);
    let toks = tokenize_from(&layer.tokens);
    let cx = build_cx(&toks, &layer, None);
    cx.tense(toks.iter().position(|t| t.w == word).unwrap())
}

#[test]
fn tense_is_read_within_a_window_so_long_sentences_stay_linear() {
    // issue 15: one long unpunctuated sentence made tense reading cubic. The cue scan now
    // looks at most TENSE_WINDOW tokens each way: a weekday far from any cue reads as
    // the past (the no-cue default), and one near its cue still reads it.
    let filler = "and the leaders of the two countries of the region ".repeat(30);
    let far = format!("They will meet {filler} on Thursday");
    assert_eq!(tense_of(&far, "thursday"), 0, "no cue within the window");
    assert_eq!(tense_of("They will meet on Thursday", "thursday"), 1);
    // a 20,000-word sentence with 2,000 weekdays is tagged (the work per weekday is bounded)
    let long = "they met on Monday and talked ".repeat(2000);
    let t = find_times(&long, NaiveDate::from_ymd_opt(2025, 5, 14));
    assert_eq!(t.len(), 2000);
}

#[test]
fn a_clock_time_before_gmt_is_not_a_year() {
    let t = find_times("The procedure began at 1300 local time (1800 GMT), shortly after.", NaiveDate::from_ymd_opt(2010, 5, 26));
    assert!(t.iter().all(|x| x.value != "1800" && x.value != "1300"), "{t:?}");
    let t = find_times("It was founded in 1909 and renamed in 1954.", NaiveDate::from_ymd_opt(2010, 5, 26));
    assert_eq!(t.len(), 2, "{t:?}");
}

#[test]
fn spans_never_overlap() {
    // issue 15: "the year" and "the year two thousand" were both returned
    let text = "The approach of the year two thousand has many of these groups in a kind of millennial frenzy, officials said on Tuesday.";
    let t = find_times(text, NaiveDate::from_ymd_opt(1998, 3, 3));
    assert!(t.windows(2).all(|w| w[0].end <= w[1].start), "{t:?}");
    assert!(t.iter().any(|x| &text[x.start..x.end] == "the year two thousand" && x.value == "2000"), "{t:?}");
    let f = |s, e| Timex { start: s, end: e, kind: TimeType::Date, value: String::new(), rule: Rule::Fixed(String::new()) };
    let kept: Vec<(usize, usize)> = without_overlaps(vec![f(0, 5), f(0, 9), f(8, 12), f(12, 14)]).iter().map(|t| (t.start, t.end)).collect();
    assert_eq!(kept, [(0, 9), (12, 14)]);
}

#[test]
fn possessive_weekdays_clock_days_and_decades() {
    has("The GM move follows Tuesday's declaration by Ford that it is prepared to bid for the entire company.", "1989-10-27", "Tuesday", "1989-10-24");
    has("The candidates prepared ahead of Monday's debate.", "2016-09-23", "Monday", "2016-09-26");
    has("The blast in Nairobi occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a crowded building.", "1998-08-08", "10:35 a.m.", "1998-08-07T10:35");
    has("Ties were cut off for almost two decades.", "1998-02-06", "almost two decades", "P20Y");
}

#[test]
fn scheduled_present() {
    has("He and Palestinian leader Yasser Arafat meet separately Monday with US Secretary of State Madeleine Albright.", "1998-05-01", "Monday", "1998-05-04");
    has("On Wednesday, Ricardo Alarcon, head of Cuba's National Assembly, said the convictions prove it.", "2000-02-10", "Wednesday", "2000-02-09");
}

#[test]
fn report_periods() {
    has("The company expects a loss for the full year.", "1989-11-01", "the full year", "1989");
    let t = "Third-quarter profit fell 20%. Sales in the latest period were $1.76 billion, a 13% increase from the quarter a year ago.";
    has(t, "1989-11-02", "the latest period", "1989-Q3");
    has("Debt should be cut to $1 billion by year-end.", "1989-11-01", "year-end", "1989-12-31");
    has("Such deals have failed in the past.", "1989-11-01", "the past", "PAST_REF");
}

#[test]
fn month_days_against_the_tense() {
    // far against the tense: last January
    has("In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.", "1989-10-31", "Jan. 31", "1989-01-31");
    // a week ahead: the coming one
    has("The agency ordered the child returned to Cuba by Jan. 14.", "2000-01-07", "Jan. 14", "2000-01-14");
    // no tense cue: the past reading is likelier in news
    has("Investigators have been searching for Kopp since shortly after the Oct. 23 slaying.", "1999-05-06", "Oct. 23", "1998-10-23");
    has("U.S. Trust also created a four-member office of the chairman, effective Feb. 1.", "1989-10-26", "Feb. 1", "1990-02-01");
}

#[test]
fn relative_and_deictic() {
    has("the Istanbul peace talks that had collapsed two years ago", "2025-05-11", "two years ago", "2023");
    has("Last month, Russia made gains.", "2025-05-14", "Last month", "2025-04");
    has("Earlier this week, Fidan held talks with Putin.", "2025-05-30", "Earlier this week", "2025-W22");
    has("Macron said 48 hours ago that", "2025-05-30", "48 hours ago", "2025-05-28");
    has("reach a durable peace before the end of the year", "2025-05-30", "the end of the year", "2025");
    has("in the latest overnight barrage", "2025-05-30", "overnight", "2025-05-29TNI");
    has("the war must end now", "2025-05-30", "now", "PRESENT_REF");
    has("The army has recently made gains.", "2025-05-14", "recently", "PAST_REF");
    has("who was to meet with Zelenskyy in Kyiv later in the day.", "2025-05-30", "later in the day", "2025-05-30");
    has("Zelensky will speak tomorrow.", "2025-05-11", "tomorrow", "2025-05-12");
    has("He spoke this morning.", "2025-05-11", "this morning", "2025-05-11TMO");
    has("They meet at 3 p.m. in Istanbul.", "2025-05-11", "3 p.m.", "2025-05-11T15:00");
    has("Sales rose last year.", "1998-01-08", "last year", "1997");
    has("He spoke yesterday.", "1998-01-08", "yesterday", "1998-01-07");
    has("He said now-fourth year of war", "2025-05-14", "now-fourth year", "PRESENT_REF");
    has("the war, now in its third year, goes on", "2025-05-11", "now in its third year", "PRESENT_REF");
    has("European leaders visited Kyiv this weekend to warn Russia", "2025-05-12", "this weekend", "2025-W19-WE");
}

#[test]
fn calendar_and_holidays() {
    has("the second round of negotiations in Istanbul on June 2.", "2025-05-30", "June 2", "2025-06-02");
    has("Russia's invasion in February 2022 triggered the conflict", "2025-05-30", "February 2022", "2022-02");
    has("talks held in Istanbul in 2023", "2025-05-30", "2023", "2023");
    has("truces for Easter and Victory Day", "2025-05-14", "Easter", "2025-04-20");
    has("truces for Easter and Victory Day", "2025-05-14", "Victory Day", "2025-05-09");
    has("It was signed on Aug. 7, 1998.", "1998-08-10", "Aug. 7, 1998", "1998-08-07");
    has("Profit fell in the third quarter.", "1989-10-27", "the third quarter", "1989-Q3");
    has("the 1990s were different", "1998-01-08", "the 1990s", "199");
    has("in the 20th century", "1998-01-08", "the 20th century", "19");
    has("Talks last took place in March 2022. Since then, nothing happened.", "2025-05-12", "then", "2022-03");
    let _ = tx("At that time, the offer was rejected.", "2025-05-12"); // no antecedent: no panic
    has("This happened in March 2022. In February of that year the war began.", "2025-05-11", "February of that year", "2022-02");
}

#[test]
fn durations_and_sets() {
    has("to end the over three-year war", "2025-05-30", "three-year", "P3Y");
    has("a 30-day ceasefire", "2025-05-30", "30-day", "P30D");
    has("Russia's 3-year-old full-scale invasion", "2025-05-14", "3-year-old", "P3Y");
    let t = "a ceasefire, whether for 30, 50 or 100 days";
    has(t, "2025-05-30", "30", "P30D");
    has(t, "2025-05-30", "50", "P50D");
    has(t, "2025-05-30", "100 days", "P100D");
    has("for the past two months", "2025-05-14", "the past two months", "P2M");
    has("a 30 hours truce", "2025-05-14", "30 hours", "PT30H");
    has("they met every week", "2025-05-14", "every week", "P1W");
    has("stocks hit a five year low", "1998-01-08", "five year", "P5Y");
    has("daily flights", "1998-01-08", "daily", "P1D");
}

#[test]
fn prepositions_left_out() {
    let r = tx("since March 2022 and on Friday and for three years", "2025-05-30");
    let spans: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(spans, vec!["March 2022", "Friday", "three years"]);
}

/// A text tagged against one date and its rules resolved against another give what the
/// tagger gives against the other (the stored layer re-anchors without the tagger).
#[test]
fn rules_re_anchor_as_the_tagger_would() {
    let text = "Putin said on Tuesday that talks would resume next week. He met Erdogan last Friday \
        and will fly to Ankara on Thursday morning. The ceasefire began on May 11 and the war is in \
        its fourth year. Sales rose 5% in the third quarter from a year earlier, and last month \
        prices fell. Two years ago, at 10:30 a.m. Sunday, the first strike hit; since then, the \
        following year and this summer, nothing changed. By year-end, or by Christmas, tonight or \
        yesterday afternoon, in March of that year, the talks may start. Three days later, in 1995.";
    let anchors = ["2025-05-16", "2024-02-29", "2025-12-31", "2026-01-04"];
    let rules = find_times(text, Some(d(anchors[0])));
    let unanchored = find_times(text, None);
    for t in &unanchored {
        assert_eq!(t.rule.resolve(None), t.value, "{}", &text[t.start..t.end]);
    }
    for b in anchors {
        let again = find_times(text, Some(d(b)));
        assert_eq!(again.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>(), rules.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>());
        for (t, g) in rules.iter().zip(&again) {
            assert_eq!(t.rule.resolve(Some(d(b))), g.value, "{} against {b}", &text[t.start..t.end]);
        }
    }
    assert!(rules.iter().filter(|t| !t.rule.is_fixed()).count() >= 15, "{rules:?}");
}

#[test]
fn no_anchor_values() {
    let r = find_times("He arrived on May 11 and left on Friday.", None);
    let v: Vec<&str> = r.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(v, vec!["XXXX-05-11", "XXXX-WXX-5"]);
}

#[test]
fn dating_and_sentences() {
    let text = "Talks were held on Thursday, May 15, 2025. Officials said on Friday they would meet again.";
    let inf = infer_date(text).unwrap();
    assert!((inf.date - d("2025-05-16")).num_days().abs() <= 2, "{:?}", inf);
    let sd = sentence_dates(text, d("2025-05-16"));
    assert_eq!(sd.len(), 2);
    assert_eq!(sd[0].value, "2025-05-15");
    assert!(sd[0].from_expression);
    assert_eq!(sd[1].value, "2025-05-16");
}

#[test]
fn no_panic_random() {
    let alphabet: Vec<char> = "abc MayJune Friday 2025 -–'’.,:/\n0123456789 ago year-old p.m. ÀéΩ😀 the last next 30-day"
        .chars()
        .collect();
    let mut x: u64 = 0x9E3779B97F4A7C15;
    for _ in 0..3000 {
        let mut s = String::new();
        let len = (x % 80) as usize;
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
        for t in find_times(&s, Some(d("2025-05-11"))) {
            assert!(t.start < t.end && t.end <= s.len() && s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
        }
        let _ = find_times(&s, None);
        let _ = infer_date(&s);
        let _ = sentence_dates(&s, d("2025-05-11"));
    }
}

#[test]
fn a_weekday_with_its_written_date_takes_the_date() {
    // the Guardian (Timeline17, 2010-07-30): the coming Saturday is the 31st, as written
    has("See Weekend magazine's oil spill special issue on Saturday 31 July for more photos", "2010-07-30", "Saturday 31 July", "2010-07-31");
    // the date wins over the weekday's guess from the tense, and a year written is kept
    has("The festival opened on Saturday 31 July with a parade.", "2010-08-04", "Saturday 31 July", "2010-07-31");
    has("It appeared on Friday 28 May 2010.", "2010-06-20", "Friday 28 May 2010", "2010-05-28");
    // a weekday before a number that is no day of a month stays a weekday
    has("Shares fell on Friday 3 percent.", "2010-07-30", "Friday", "2010-07-30");
}

#[test]
fn a_possessive_weekday_reads_the_cues_after_it() {
    // Fox News (Timeline17): Obama met Cameron on Tuesday 20 July 2010; written the day before,
    // "will be" after the possessive makes it the coming Tuesday, not the one before
    let s = "Tuesday's Oval Office meeting will be the second time the two world leaders are meeting.";
    has(s, "2010-07-19", "Tuesday", "2010-07-20");
    has(s, "2010-07-20", "Tuesday", "2010-07-20");
    // with a past cue, or none, a day named for its event is still the past one
    has("Tuesday's Oval Office meeting was the second time the two leaders met.", "2010-07-22", "Tuesday", "2010-07-20");
    has("Tuesday's Oval Office meeting.", "2010-07-22", "Tuesday", "2010-07-20");
}

#[test]
fn second_days_and_centuries_without_the() {
    // TBAQ (XIE19990210.0079, APW19980213.1310, APW19980219.0476)
    has("Details will still be held at the NATO Washington summit on April 24 and 25.", "1999-02-10", "25", "1999-04-25");
    has("She is a 20th century democrat, understands that.", "1998-02-13", "20th century", "19");
    has("Mines 17 kilometers from Angkor Wat, the fabled 11th century temple.", "1998-02-19", "11th century", "10");
    // a count after "and" is no day
    assert!(tx("Sales rose 24 percent on April 24 and 25 percent a year later.", "1999-02-10").iter().all(|(s, _, _)| s != "25"));
}

#[test]
fn a_part_of_the_day_after_a_preposition_is_the_day_last_named() {
    // TBAQ wsj_0586: "in the morning" is the Friday just named
    has("Stock prices crashed Friday. Dealers placed heavy buy orders in the morning to start the trading day.", "1989-10-30", "the morning", "1989-10-27TMO");
    // an hour "in the morning" is a clock time (TBAQ APW20000405.0276)
    has("Castro said the father will leave at 4 in the morning on Thursday.", "2000-04-05", "4 in the morning", "2000-04-06T04:00");
    has("The talks ended at 9 in the evening on Tuesday.", "2000-04-05", "9 in the evening", "2000-04-04T21:00");
    // "the night of Oct. 23" names its date after it: no anaphora
    let r = tx("Slepian was shot to death on the night of Oct. 23 at his home.", "1998-10-25");
    assert!(r.iter().all(|(s, _, _)| s != "the night"), "{r:?}");
    // no day named yet in a dated article: nothing
    let r = tx("He usually runs in the morning.", "1998-10-25");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_half_of_a_named_year() {
    // TBAQ: "earnings for the last half of 1989" is 1989-H2
    has("Analysts cut their estimates of earnings for the last half of 1989 and for 1990.", "1989-10-30", "the last half of 1989", "1989-H2");
    has("In the first half of 1942 Japan overran South-East Asia.", "1989-10-30", "the first half of 1942", "1942-H1");
    // a half of something else is no time
    let r = tx("The first half of the team arrived in 1989.", "1989-10-30");
    assert!(r.iter().all(|(s, _, _)| !s.contains("half")), "{r:?}");
}

#[test]
fn a_live_pages_entry_stamps_are_not_years() {
    // BBC News live page on the Haiti earthquake, 15 January 2010 (Timeline17)
    let text = "1809 The BBC's George Alagiah in Port-au-Prince says he senses a change in mood.\n1813 US President Barack Obama says the scale of the devastation is extraordinary.\n1537 Andre Berto, who represented Haiti at the 2004 Olympic Games, is still waiting for news.";
    let r = tx(text, "2010-01-15");
    assert!(!r.iter().any(|(s, _, _)| s == "1809" || s == "1813"), "{r:?}");
    has(text, "2010-01-15", "2004", "2004");
    // a year opening a line of an ordinary article stays a year
    has("The war ended in defeat.\n1945 was the year it ended.", "2010-01-15", "1945", "1945");
    has("1989 The Berlin Wall falls.", "2010-01-15", "1989", "1989");
}

#[test]
fn an_intent_or_a_relative_clause_looks_ahead_past_the_reporters_said() {
    // BBC News, Wednesday 13 and Saturday 16 January 2010 (Timeline17)
    has("Robertson added that the regional groupings then hoped to get relief supplies into Haiti by Thursday or Friday.", "2010-01-13", "Thursday", "2010-01-14");
    has("UN Secretary General Ban Ki-moon, who is due to visit Haiti on Sunday, said distribution of food and medicine was under way.", "2010-01-16", "Sunday", "2010-01-17");
    // a past verb after the relative clause's comma still governs a plain fronted weekday
    has("On Tuesday, officials said the well was capped.", "2010-07-15", "Tuesday", "2010-07-13");
}

/// No span at all with this text.
fn none(text: &str, anchor: &str, span: &str) {
    let r = tx(text, anchor);
    assert!(r.iter().all(|(s, _, _)| s != span), "{span:?} found in {:?}", r);
}

/// Issue 20: spans that hold on 2013 news as on TBAQ (sentences from TBAQ and from the news
/// sets of `tests/data/times`): (text, date, span, value) found…
const FOUND: &[(&str, &str, &str, &str)] = &[
    // a year before a plural noun after a determiner or a date word
    ("The religious leaders who led the 1992 protests have moved.", "1998-03-03", "1992", "1992"),
    ("It is expected to contract again, as a recession that began in late 2011 drags on.", "2013-03-14", "late 2011", "2011"),
    // a sentence's first word, a holiday: still times
    ("Today, hundreds of people gathered.", "1998-03-31", "Today", "1998-03-31"),
    ("The strike began on Labor Day, Smith said.", "1998-10-30", "Labor Day", "1998-09-07"),
    ("He was 6 months old, and he left six months later.", "2000-04-03", "six months later", "2000-10"),
    // "the" kept; the day and the night last named
    ("It would cut spending by $4.6 trillion over the next decade, the plan says.", "2013-03-21", "the next decade", "202"),
    ("The storm closed federal offices in Washington on Wednesday for the day.", "2013-03-06", "the day", "2013-03-06"),
    ("It struck on Wednesday, and crews worked through the night.", "2013-03-06", "the night", "2013-03-06TNI"),
    // sets with their count, halves and rests of a named year or month, a quarter's year
    ("One farmer, who checks his flock twice a day, said lambs were dying.", "2013-03-18", "twice a day", "P1D"),
    ("Senators meet for dinner three times a week.", "2013-03-21", "three times a week", "P1W"),
    ("He expected no recovery before the second half of the year.", "2013-03-19", "the second half of the year", "2013-H2"),
    ("Temperatures will stay below normal for the rest of the month, forecasters said.", "2013-03-18", "the rest of the month", "2013-03"),
    ("The company stopped paying a dividend in the third quarter of 1984 because of troubles.", "1989-10-30", "the third quarter of 1984", "1984-Q3"),
    ("Profit fell in the third quarter, the company said.", "1989-10-30", "the third quarter", "1989-Q3"),
];

/// … and (text, date, span) not found: counts, ages, programmes and papers, a march, a film.
const NOT_FOUND: &[(&str, &str, &str)] = &[
    ("The army sent 2000 troops to the border.", "2013-03-14", "2000"),
    ("Mr. Reupke, 52 years old and a 27-year Reuters veteran, had resigned.", "1989-10-31", "52 years"),
    ("Secretary of State James Baker, speaking on ABC News' \"This Week,\" said the request was fair.", "1990-08-13", "This Week"),
    ("\"They are abusing him,\" Gonzalez said on CBS's ''60 Minutes.''", "2000-04-03", "60 Minutes"),
    ("The doctor scanned the protesters at the annual March for Life on Capitol Hill.", "1999-05-07", "March"),
    ("This is VOA Today.", "1998-03-31", "Today"),
    ("He told USA Today that he would run.", "2013-03-14", "Today"),
    ("For the people of Poland, high noon comes today.", "1999-03-12", "noon"),
    ("In 1992, called the Year of the Woman, four women won Senate seats.", "2013-03-21", "the Year"),
];

#[test]
fn spans_that_hold_on_newer_news() {
    for &(text, anchor, span, value) in FOUND {
        has(text, anchor, span, value);
    }
    for &(text, anchor, span) in NOT_FOUND {
        none(text, anchor, span);
    }
}

/// (span text, value) pairs found in an undated `text` (narrative mode)
fn narrative_tx(text: &str) -> Vec<(String, String)> {
    find_times(text, None).into_iter().map(|t| (text[t.start..t.end].to_string(), t.value)).collect()
}

#[test]
fn a_historys_years_ranges_and_decades() {
    // a range of years in a history's opening line: each end is a year
    let r = narrative_tx("The Vietnam War (1955–1975) was fought between North and South Vietnam. The First World War of 1914–18 and the Bosnian war of 1992-95 followed other wars.");
    for (s, v) in [("1955", "1955"), ("1975", "1975"), ("1914", "1914"), ("18", "1918"), ("1992", "1992"), ("95", "1995")] {
        assert!(r.iter().any(|(a, b)| a == s && b == v), "{s} = {v} not in {r:?}");
    }
    has("Blackburn won the English premier league title in 1994-95.", "1996-08-22", "95", "1995");
    // years before 1900 followed by a small word are years after a date's preposition
    let r = narrative_tx("In 1812 the army invaded Russia. By 1815 the war was over. In 1776 and 1777 the colonies fought, and in 1861 eleven states seceded.");
    for y in ["1812", "1815", "1776", "1777", "1861"] {
        assert!(r.iter().any(|(a, b)| a == y && b == y), "{y} not in {r:?}");
    }
    // a decade written alone after another
    has("South Korean competitors gained ground in the 1970s and 1980s.", "2016-09-12", "1980s", "198");
    // numbers that count are no years, nor months of an ISO date, nor a tax form
    for text in ["Some 1500 soldiers and 1200 men crossed the river.", "Reinforcements of 1500-1800 troops arrived.", "The figures for 2013-03 were revised.", "\"We don't need 1040s,\" she said."] {
        let r = tx(text, "2013-03-22");
        assert!(r.is_empty(), "{text}: {r:?}");
    }
}

#[test]
fn first_days_of_ranges_and_wars_named_for_their_length() {
    let r = narrative_tx("Operation Barbarossa began on 22 June 1941. From 12 to 15 July the army attacked, and between 1 and 3 August 1941 the lines held. The Thirty Years' War and the Six-Day War were named for their length.");
    for (s, v) in [("12", "1941-07-12"), ("15 July", "1941-07-15"), ("1", "1941-08-01"), ("3 August 1941", "1941-08-03")] {
        assert!(r.iter().any(|(a, b)| a == s && b == v), "{s} = {v} not in {r:?}");
    }
    assert!(!r.iter().any(|(a, _)| a.contains("Thirty") || a.contains("Six")), "{r:?}");
    // a war that lasted thirty years is still a duration
    has("The war lasted thirty years and ended in 1648.", "2013-03-22", "thirty years", "P30Y");
    // a count before a day is no day ("won 2 to 3 July"? no preposition of a date: nothing)
    assert!(!tx("The index rose 2 to 3 percent in July.", "2013-03-22").iter().any(|(s, _, _)| s == "2"));
}

/// Issue 20, branch narr: what Wikipedia's war histories write that the older sets did not
/// (`tests/data/times/narrative-wiki.txt` first scored .890).
#[test]
fn years_of_an_era_and_centuries_before_it() {
    let r = narrative_tx("Hannibal crossed the Alps in 218 BC, and Rome destroyed Carthage in 146 B.C. The First Punic War was fought from 264 to 241 BC. Vesuvius buried Pompeii in 79 AD, and Hadrian visited Britain in AD 122.");
    for (s, v) in [("218 BC", "BC0218"), ("146 B.C.", "BC0146"), ("264", "BC0264"), ("241 BC", "BC0241"), ("79 AD", "0079"), ("AD 122", "0122")] {
        assert!(r.iter().any(|(a, b)| a == s && b == v), "{s} = {v} not in {r:?}");
    }
    // a day and a season of a year BC; what follows is read from it, across the era's turn
    let r = narrative_tx("Caesar was killed on 15 March 44 BC. In the summer of 2 BC Augustus was named father of his country, and the following year his grandson came of age. In July he sailed east.");
    for (s, v) in [("15 March 44 BC", "BC0044-03-15"), ("the summer of 2 BC", "BC0002-SU"), ("the following year", "BC0001"), ("July", "BC0001-07")] {
        assert!(r.iter().any(|(a, b)| a == s && b == v), "{s} = {v} not in {r:?}");
    }
    // centuries: BC ones, a pair written once, an early one
    let r = narrative_tx("Greek colonies were founded in the 8th century BC. Rome grew in the 3rd and 2nd centuries BC, Britain industrialised in the 18th and 19th centuries, and the early 20th century brought the world wars.");
    for (s, v) in [("the 8th century BC", "BC07"), ("the 3rd", "BC02"), ("2nd centuries BC", "BC01"), ("the 18th", "17"), ("19th centuries", "18"), ("the early 20th century", "19")] {
        assert!(r.iter().any(|(a, b)| a == s && b == v), "{s} = {v} not in {r:?}");
    }
    // "1,200 BC" whole; an advertisement is no era, a count no year
    assert!(narrative_tx("Troy fell around 1,200 BC.").iter().any(|(a, b)| a == "1,200 BC" && b == "BC1200"));
    assert!(tx("The ad ran 43 times on Tuesday.", "2013-03-22").iter().all(|(s, _, _)| s == "Tuesday"));
}

#[test]
fn a_weekday_before_1583_is_the_julian_calendars() {
    // 14 October 1066 was a Saturday on the Julian calendar (a Wednesday on the Gregorian)
    let r = narrative_tx("William landed at Pevensey on 28 September 1066. On Saturday 14 October he defeated Harold near Hastings, and on Sunday he buried the dead.");
    for (s, v) in [("Saturday 14 October", "1066-10-14"), ("Sunday", "1066-10-15")] {
        assert!(r.iter().any(|(a, b)| a == s && b == v), "{s} = {v} not in {r:?}");
    }
    // after 1923 the Gregorian alone: Friday 21 April is 1916's, not 1922's
    let r = narrative_tx("The Rising was planned in April 1916. Arms were intercepted on Friday 21 April.");
    assert!(r.iter().any(|(a, b)| a == "Friday 21 April" && b == "1916-04-21"), "{r:?}");
}

#[test]
fn fortnights_years_named_after_a_day_and_the_following_month() {
    let r = narrative_tx("The Germans attacked Verdun on 21 February 1916, and a fortnight later they crossed the Meuse. Pétain was relieved on 1 May and returned in December the following year. Haig's offensive opened on 31 July 1917; Passchendaele fell on 6 November the same year. Peace talks began the following March.");
    for (s, v) in [("a fortnight later", "1916-03-06"), ("December the following year", "1917-12"), ("6 November the same year", "1917-11-06"), ("the following March", "1918-03")] {
        assert!(r.iter().any(|(a, b)| a == s && b == v), "{s} = {v} not in {r:?}");
    }
    has("The talks will resume within a fortnight, the minister said.", "2013-03-22", "a fortnight", "P2W");
    has("The council meets fortnightly.", "2013-03-22", "fortnightly", "P2W");
    // "the next morning" after a year alone cannot be placed, but keeps a well-formed value
    let r = narrative_tx("The fleet sailed in 1588. The next morning the wind turned.");
    assert!(r.iter().any(|(a, b)| a == "The next morning" && b == "XXXX-XX-XXTMO"), "{r:?}");
}

#[test]
fn years_between_and_shares_of_a_whole() {
    let r = narrative_tx("The Thirty Years' War was fought between 1618 and 1648.");
    for y in ["1618", "1648"] {
        assert!(r.iter().any(|(a, b)| a == y && b == y), "{y} not in {r:?}");
    }
    assert!(narrative_tx("The king raised between 1200 and 1500 soldiers.").is_empty());
    // a share of a whole is no quarter of a year; a run of quarters is
    none("Fire destroyed three quarters of the town.", "2013-03-22", "three quarters");
    none("Funds hold more than a quarter of the entire market.", "1989-11-01", "more than a quarter");
    has("It recently achieved profitability after several quarters of losses.", "1989-11-01", "several quarters", "PXQ");
}
