//! Names: sentence ends, titles stripped from a run of capitalised words, the article's
//! registry of people (surnames to full names, genders) and canonical names.

use super::*;

pub(super) fn ends_sentence_word(ctx: &Ctx, i: usize) -> bool {
    // token i is '.', is the preceding word an abbreviation?
    if i == 0 || ctx.toks[i - 1].k != K::Word || ctx.toks[i - 1].e != ctx.toks[i].s {
        return true;
    }
    let w = ctx.w(i - 1);
    let l = lc_cow(w);
    let l: &str = &l;
    if ctx.t.abbr.contains(l) {
        return false;
    }
    if w.contains('.') {
        return false; // U.S.
    }
    if w.chars().count() == 1 && w.chars().next().unwrap().is_uppercase() {
        return false; // initial
    }
    true
}

/// Strip leading titles/demonyms from a run of capitalised tokens.
pub(super) fn strip_titles<'r>(ctx: &Ctx, run: &'r [usize]) -> &'r [usize] {
    let mut k = 0;
    while k < run.len() {
        let l = ctx.lw(run[k]);
        let l: &str = &l;
        let l = l.trim_end_matches('.');
        let demonym = k + 1 < run.len()
            && (l.ends_with("ian") || l.ends_with("ish") || l.ends_with("ese") || l.ends_with("can") || l.ends_with("ench") || l.ends_with("man") && l != "german" || l == "german" || l.ends_with("i"));
        if ctx.t.titles.contains(l) || (demonym && !ctx.t.male.contains(l) && !ctx.t.female.contains(l)) || ((l.ends_with("'s") || l.ends_with("’s")) && k + 1 < run.len()) {
            k += 1;
        } else {
            break;
        }
    }
    &run[k..]
}

pub(super) fn gender_of_first(ctx: &Ctx, first: &str) -> u8 {
    let f = fold(first);
    if ctx.t.male.contains(f.as_str()) {
        1
    } else if ctx.t.female.contains(f.as_str()) {
        2
    } else {
        0
    }
}

pub(super) fn is_personish(ctx: &Ctx, name: &[usize]) -> bool {
    if name.is_empty() || name.len() > 4 {
        return false;
    }
    for &i in name {
        let l = ctx.lw(i);
        let l: &str = &l;
        if ctx.t.orgw.contains(l) || ctx.t.notname.contains(l) {
            return false;
        }
        if ctx.w(i).chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && ctx.w(i).chars().count() > 1 {
            return false; // acronym
        }
    }
    true
}

pub(super) fn build_registry(ctx: &mut Ctx) {
    let n = ctx.toks.len();
    let mut i = 0;
    let mut reg: FxHashMap<String, (String, u8)> = FxHashMap::default();
    while i < n {
        let mut run = vec![];
        let mut j = i;
        if i + 3 < n && &ctx.text[ctx.toks[i].s..ctx.toks[i].e] == "(" && ctx.is_cap(i + 1) && &ctx.text[ctx.toks[i + 2].s..ctx.toks[i + 2].e] == ")" && ctx.is_cap(i + 3) {
            run.push(i + 1);
            j = i + 3;
        } else if !ctx.is_cap(i) {
            i += 1;
            continue;
        }
        run.push(j);
        let mut j = j + 1;
        while j < n && !ctx.toks[j].nl {
            if ctx.is_cap(j) {
                run.push(j);
                j += 1;
            } else if ctx.toks[j].k == K::Punct && &ctx.text[ctx.toks[j].s..ctx.toks[j].e] == "(" && j + 3 < n && ctx.is_cap(j + 1) && &ctx.text[ctx.toks[j + 2].s..ctx.toks[j + 2].e] == ")" && ctx.is_cap(j + 3) {
                run.push(j + 1);
                j += 3;
            } else if ctx.toks[j].k == K::Punct && &ctx.text[ctx.toks[j].s..ctx.toks[j].e] == "." && ctx.w(j - 1).chars().count() == 1 && j + 1 < n && ctx.is_cap(j + 1) {
                j += 1; // initial "W."
            } else {
                break;
            }
        }
        // title-cased honorific before the run ("Mr. Smith")
        let mut g_title = 0u8;
        if i >= 2 && ctx.toks[i - 1].k == K::Punct {
            let l = ctx.lw(i - 2);
            let l: &str = &l;
            g_title = match l { "mr" => 1, "mrs" | "ms" => 2, _ => 0 };
        }
        let mut name = strip_titles(ctx, &run);
        // "Behind Hayward, …" opens a sentence: "Behind" is no first name
        while name.first().is_some_and(|&x| ctx.t.unnamed.contains(&*ctx.lw(x))) {
            name = &name[1..];
        }
        // a run after an article is a place or a body ("the Gulf Coast"), unless a title
        // was stripped ("the Rev. Jesse Jackson")
        let after_article = i > 0 && matches!(&*ctx.lw(i - 1), "the" | "a" | "an") && name.len() == run.len();
        for &x in &run[..run.len() - name.len()] {
            let l = ctx.lw(x);
            let l: &str = &l;
            if l == "mr" { g_title = 1 }
            if l == "mrs" || l == "ms" { g_title = 2 }
        }
        if name.len() >= 2 && !after_article && is_personish(ctx, name) && !ctx.t.notname.contains(&*ctx.lw(name[0])) && !name.iter().any(|&x| ctx.t.unnamed.contains(&*ctx.lw(x))) {
            let last = fold(trim_poss(ctx.w(*name.last().unwrap())));
            let full: Vec<&str> = name.iter().map(|&x| ctx.w(x)).collect();
            let mut full = full.join(" ");
            // a Korean given name written with a hyphen, cut from its run ("Ban Ki" + "-moon")
            let l = *name.last().unwrap();
            if l + 2 < n && l + 1 == j && ctx.w(l + 1) == "-" && ctx.toks[l + 1].s == ctx.toks[l].e && ctx.toks[l + 2].s == ctx.toks[l + 1].e && ctx.w(l + 2).chars().all(char::is_lowercase) {
                full.push('-');
                full.push_str(ctx.w(l + 2));
            }
            if full.ends_with("'s") || full.ends_with("’s") {
                full.truncate(full.len() - if full.ends_with("'s") { 2 } else { 4 });
            }
            let g = if g_title > 0 { g_title } else { gender_of_first(ctx, ctx.w(name[0])) };
            // the family name comes first in such a name: "Mr Ban" is Ban Ki-moon
            let mut register = |key: String, full: String| match reg.get_mut(&key) {
                None => {
                    reg.insert(key, (full, g));
                }
                Some(e) => {
                    // a full name replaces the bare "Mr Ban" a live page gave first (its
                    // entries run newest first)
                    if !e.0.contains(' ') {
                        e.0 = full;
                    }
                    if e.1 == 0 {
                        e.1 = g;
                    }
                }
            };
            if crate::text::family_first(&full) {
                register(fold(ctx.w(name[0])), full.clone());
            }
            register(last, full);
        } else if name.len() == 1 && g_title > 0 {
            let last = fold(ctx.w(name[0]));
            reg.entry(last).or_insert((ctx.w(name[0]).to_string(), g_title));
        }
        i = j.max(i + 1);
    }
    ctx.reg = reg;
}

/// Canonical speaker for a run of capitalised tokens (titles already stripped).
pub(super) fn canon_name(ctx: &Ctx, name: &[usize]) -> (String, bool, u8) {
    let last_w = ctx.w(*name.last().unwrap());
    let last_w = trim_poss(last_w);
    let key = fold(last_w);
    if is_personish(ctx, name) {
        if let Some((full, g)) = ctx.reg.get(&key) {
            return (full.clone(), true, *g);
        }
    }
    let mut words: Vec<&str> = name.iter().map(|&x| ctx.w(x)).collect();
    if let Some(l) = words.last_mut() {
        *l = trim_poss(l);
    }
    let person = name.len() >= 2 && is_personish(ctx, name);
    let g = if person { gender_of_first(ctx, words[0]) } else { 0 };
    (words.join(" "), person, g)
}
