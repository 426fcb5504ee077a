//! Dates in the page body: date-like elements, `<abbr>` and `<time>`, whole-page patterns
//! (timestamps, "Datum:"-style idiosyncrasies) and htmldate's frequency-based search.

use super::*;

pub(super) fn examine_elements<'a, I: Iterator<Item = &'a html::Elem>>(elems: I, count: usize, o: &Options) -> Option<NaiveDate> {
    if count == 0 || count > 1000 {
        return None;
    }
    for e in elems {
        if let Some(d) = examine_text(&e.text, o) {
            return Some(d);
        }
        if let Some(t) = e.attr("title") {
            if let Some(d) = examine_text(t, o) {
                return Some(d);
            }
        }
    }
    None
}

pub(super) fn older(a: Option<NaiveDate>, b: NaiveDate) -> Option<NaiveDate> {
    Some(match a {
        Some(x) if x <= b => x,
        _ => b,
    })
}

pub(super) fn examine_abbr(doc: &html::Doc, o: &Options) -> Option<NaiveDate> {
    let n = doc.abbrs.len();
    if n == 0 || n > 1000 {
        return None;
    }
    let mut reference = None;
    for e in &doc.abbrs {
        if let Some(ut) = e.attr("data-utime") {
            if let Ok(ts) = ut.trim().parse::<i64>() {
                if let Some(dt) = chrono::DateTime::from_timestamp(ts, 0) {
                    let d = dt.date_naive();
                    if valid(d, o) {
                        reference = older(reference, d);
                    }
                }
            }
        } else if matches!(e.attr("class"), Some("date-published" | "published" | "time published")) {
            if let Some(t) = e.attr("title") {
                if let Some(d) = try_date_expr(t, o) {
                    return Some(d);
                }
            } else if e.text.chars().count() > 10 {
                if let Some(d) = try_date_expr(&e.text, o) {
                    reference = older(reference, d);
                }
            }
        }
    }
    reference.or_else(|| examine_elements(doc.abbrs.iter(), n, o))
}

pub(super) fn examine_times(doc: &html::Doc, o: &Options) -> Option<NaiveDate> {
    let n = doc.times.len();
    if n == 0 || n > 1000 {
        return None;
    }
    let mut reference = None;
    // the oldest `<time>` beside the headline is the article's; the others further off are
    // often a list of other articles' dates (the oldest of which is no publication here)
    let mut by_headline = None;
    for e in &doc.times {
        let dt = e.attr("datetime").unwrap_or("");
        let d = if dt.chars().count() > 6 {
            let class = e.attr("class").unwrap_or("");
            let shortcut = e.attr("pubdate").map(|p| p == "pubdate").unwrap_or(false)
                || class.starts_with("entry-date")
                || class.starts_with("entry-time");
            let d = try_date_expr(dt, o);
            if shortcut && d.is_some() {
                return d;
            }
            d
        } else if e.text.chars().count() > 6 {
            try_date_expr(&e.text, o)
        } else {
            None
        };
        let Some(d) = d else { continue };
        if doc.first_h1.is_some_and(|h| e.pos.abs_diff(h) <= BYLINE_REACH) {
            by_headline = older(by_headline, d);
        }
        reference = older(reference, d);
    }
    by_headline.or(reference)
}

pub(super) static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(199[0-9]|20[0-3][0-9])-([0-1]?[0-9])-([0-3]?[0-9])[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?")
});

pub(super) fn timestamp_search(s: &str, o: &Options) -> Option<NaiveDate> {
    let c = TIMESTAMP.captures(s)?;
    ymd(num(&c[1]), num(&c[2]), num(&c[3])).filter(|d| valid(*d, o))
}

pub(super) static IDIOSYNCRASIES: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r#"(?i)(?:date[^0-9"]{0,20}|updated|last-modified|published|posted|on)[ :]{0,9}?([0-9]{1,4})[./]([0-9]{1,2})[./]([0-9]{2,4})|"#,
        r"(?:Datum|Stand|Veröffentlicht am):? ?([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{2,4})|",
        r"(?:güncellen?me|yayı(?:m|n)lan?ma) {0,9}?(?:tarihi)? {0,9}?:? {0,9}?([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{2,4})|",
        r"([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{2,4}) {0,9}?(?:'de|'da|'te|'ta|’de|’da|’te|’ta|tarihinde) {0,9}(?:güncellendi|yayı(?:m|n)landı)"
    ))
});

pub(super) fn idiosyncrasies(s: &str, o: &Options) -> Option<NaiveDate> {
    let c = IDIOSYNCRASIES.captures(s)?;
    let parts: Vec<&str> = (1..c.len()).filter_map(|i| c.get(i)).map(|m| m.as_str()).collect();
    if parts.len() < 3 {
        return None;
    }
    let d = if parts[0].len() == 4 {
        ymd(num(parts[0]), num(parts[1]), num(parts[2]))
    } else {
        dmy(num(parts[0]), num(parts[1]), num(parts[2]))
    };
    d.filter(|d| valid(*d, o))
}

/// Insertion-ordered counter.
#[derive(Default)]
pub(super) struct Counter {
    pub(super) items: Vec<(String, usize)>,
    pub(super) idx: HashMap<String, usize>,
}
impl Counter {
    pub(super) fn add(&mut self, k: String) {
        if let Some(&i) = self.idx.get(&k) {
            self.items[i].1 += 1;
        } else {
            self.idx.insert(k.clone(), self.items.len());
            self.items.push((k, 1));
        }
    }
    pub(super) fn len(&self) -> usize {
        self.items.len()
    }
}

/// htmldate's select_candidate over normalised "YYYY-MM-DD"-sortable keys.
/// `year_of` extracts the year of an item.
pub(super) fn select_candidate(c: &Counter, year_of: &dyn Fn(&str) -> Option<i64>, o: &Options) -> Option<String> {
    let n = c.len();
    if n == 0 || n > 1000 {
        return None;
    }
    if n == 1 {
        return Some(c.items[0].0.clone());
    }
    let mut first: Vec<(String, usize)> = c.items.clone();
    // most_common(10): stable sort by count desc
    first.sort_by(|a, b| b.1.cmp(&a.1));
    first.truncate(10);
    first.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let best = &first[..2];
    let years: Vec<Option<i64>> = best.iter().map(|(p, _)| year_of(p)).collect();
    let v: Vec<bool> = years
        .iter()
        .map(|y| y.map(|y| y >= o.min.year() as i64 && y <= o.max.year() as i64).unwrap_or(false))
        .collect();
    if v.iter().all(|x| *x) {
        let (c0, c1) = (best[0].1, best[1].1);
        if c0 != c1 && years[0] != years[1] && (c1 as f64 / c0 as f64) > 0.5 {
            Some(best[1].0.clone())
        } else {
            Some(best[0].0.clone())
        }
    } else if let Some(i) = v.iter().position(|x| *x) {
        Some(best[i].0.clone())
    } else {
        None
    }
}

pub(super) fn year_in_range(y: i64, o: &Options) -> bool {
    y >= o.min.year() as i64 && y <= o.max.year() as i64
}

/// Collect normalised "YYYY-MM-DD" keys for a pattern, keep plausible years.
pub(super) fn collect<F: Fn(&regex::Captures) -> Option<(i64, i64, i64)>>(s: &str, r: &Regex, f: F, o: &Options) -> Counter {
    let mut c = Counter::default();
    for cap in r.captures_iter(s) {
        if let Some((y, m, d)) = f(&cap) {
            if year_in_range(y, o) {
                c.add(format!("{:04}-{:02}-{:02}", y, m, d));
            }
        }
        if c.len() > 2000 {
            break;
        }
    }
    c
}

pub(super) fn key_year(k: &str) -> Option<i64> {
    k.get(..4).and_then(|y| y.parse().ok())
}

pub(super) fn key_date(k: &str, copyear: i64, o: &Options) -> Option<NaiveDate> {
    let y = key_year(k)?;
    let m = k.get(5..7)?.parse().ok()?;
    let d = k.get(8..10)?.parse().ok()?;
    let date = ymd(y, m, d)?;
    if valid(date, o) && (copyear == 0 || y >= copyear) {
        Some(date)
    } else {
        None
    }
}

/// htmldate's search_page: frequency-based selection over the raw page.
pub(super) fn search_page(s: &str, o: &Options) -> Option<NaiveDate> {
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?:©|\&copy;|Copyright|\(c\))\D{0,99}(?:(?:199[0-9]|20[0-3][0-9]))?-?(199[0-9]|20[0-3][0-9])\D")
    });
    static THREE: LazyLock<Regex> = LazyLock::new(|| re(r"/([0-9]{4})/([0-9]{2})/([0-9]{2})[01/]"));
    static THREE_LOOSE: LazyLock<Regex> =
        LazyLock::new(|| re(r"\D([0-9]{4})[/.-]([0-9]{2})[/.-]([0-9]{2})\D"));
    static SELECT_YMD: LazyLock<Regex> =
        LazyLock::new(|| re(r"\D([0-3]?[0-9])[/.-]([0-1]?[0-9])[/.-]([0-9]{4})\D"));
    static DATESTRINGS: LazyLock<Regex> =
        LazyLock::new(|| re(r"\D((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])\D"));
    static SLASHES: LazyLock<Regex> = LazyLock::new(|| {
        re(r"\D(?:([0-3]?[0-9])/([0-1]?[0-9])/([0129][0-9])|([0-3][0-9])\.([01][0-9])\.([0129][0-9]))\D")
    });

    // copyright year
    let mut copyear = 0i64;
    let mut cc = Counter::default();
    for c in COPYRIGHT.captures_iter(s) {
        let y = num(&c[1]);
        if year_in_range(y, o) {
            cc.add(format!("{:04}", y));
        }
    }
    if let Some(k) = select_candidate(&cc, &|k| k.parse().ok(), o) {
        copyear = num(&k);
    }

    let g3 = |c: &regex::Captures| Some((num(&c[1]), num(&c[2]), num(&c[3])));
    for r in [&*THREE, &*THREE_LOOSE] {
        let c = collect(s, r, g3, o);
        if let Some(k) = select_candidate(&c, &key_year, o) {
            if let Some(d) = key_date(&k, copyear, o) {
                return Some(d);
            }
        }
    }
    // DD-MM-YYYY
    let c = collect(
        s,
        &SELECT_YMD,
        |c| {
            let (d, m, y) = (num(&c[1]), num(&c[2]), num(&c[3]));
            let (d, m) = if m > 12 && d <= 12 { (m, d) } else { (d, m) };
            Some((y, m, d))
        },
        o,
    );
    if let Some(k) = select_candidate(&c, &key_year, o) {
        if let Some(d) = key_date(&k, copyear, o) {
            return Some(d);
        }
    }
    let c = collect(s, &DATESTRINGS, g3, o);
    if let Some(k) = select_candidate(&c, &key_year, o) {
        if let Some(d) = key_date(&k, copyear, o) {
            return Some(d);
        }
    }
    let c = collect(
        s,
        &SLASHES,
        |c| {
            let (d, m, y) = if c.get(1).is_some() {
                (num(&c[1]), num(&c[2]), num(&c[3]))
            } else {
                (num(&c[4]), num(&c[5]), num(&c[6]))
            };
            let (d, m) = if m > 12 && d <= 12 { (m, d) } else { (d, m) };
            Some((correct_year(y), m, d))
        },
        o,
    );
    if let Some(k) = select_candidate(&c, &key_year, o) {
        if let Some(d) = key_date(&k, copyear, o) {
            return Some(d);
        }
    }
    // a month or a year alone names no day: the first of the month (htmldate's "2019-10" ->
    // 2019-10-01), or the first of January from a copyright or a bare year, would be an
    // invented date; a full date written with the month's name is still read
    match text_month_date(s, Some(o)) {
        Some(d) if copyear == 0 || d.year() as i64 >= copyear => Some(d),
        _ => None,
    }
}

/// A paragraph of the article that opens on its date: "<p>29.11.2022 – Mehrfach und vehement
/// hatte …", "<p>(21. November 2022) Energieverbraucher erhalten …", "<p>Berlin, 02.11.2022 -
/// …": the dateline of a press release or a magazine's piece, on pages whose metadata gives
/// none. Looked for in the 20,000 bytes after the first h1, or in the whole page when it has none.
pub(super) fn opening_dateline(html: &str, h1: Option<usize>, o: &Options) -> Option<NaiveDate> {
    static R: LazyLock<Regex> = LazyLock::new(|| {
        re(concat!(
            r"<p(?:\s[^>]*)?>\s*(?:<(?:strong|b|em|span)(?:\s[^>]*)?>\s*)*\(?\s*",
            r"(?:\p{Lu}[\w'.-]+(?:\s\p{Lu}[\w'.-]+){0,2}(?:\s\([^)]{1,20}\))?,?\s+)?",
            r"([0-9]{1,2}\.\s?[0-9]{1,2}\.\s?[0-9]{4}|[0-9]{1,2}\.?\s+\p{L}{3,9}\.?\s+[0-9]{4}|\p{Lu}\p{Ll}{2,8}\.?\s+[0-9]{1,2},?\s+[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})",
            r"\s*(?:</(?:strong|b|em|span)>\s*)*(?:\)|\s[–—-]|&[mn]dash;|&#821[12];)"
        ))
    });
    let (from, to) = match h1 {
        Some(p) => (p.min(html.len()), p.saturating_add(20_000).min(html.len())),
        None => (0, html.len()),
    };
    let (mut from, mut to) = (from, to);
    while !html.is_char_boundary(from) {
        from += 1;
    }
    while !html.is_char_boundary(to) {
        to += 1;
    }
    let c = R.captures(html.get(from..to)?)?;
    try_date_expr(&c[1], o)
}
