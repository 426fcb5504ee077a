//! Speakers: the noun phrase a cue's subject is (backwards and forwards), and pronouns and
//! role phrases resolved to the subjects of the current and previous sentences.

use super::*;

/// Noun phrase ending at token `end` (inclusive), going backwards, not before `lo`.
/// Returns (start, end) token indexes.
pub(super) fn np_back(ctx: &Ctx, end: usize, lo: usize) -> Option<(usize, usize)> {
    if ctx.toks[end].inq || !ctx.is_word(end) {
        return None;
    }
    let l = ctx.lw(end);
    let l: &str = &l;
    if is_pron(&l).is_some() {
        return Some((end, end));
    }
    if ctx.t.stop.contains(l) {
        return None;
    }
    let head_cap = ctx.is_cap(end);
    if !head_cap && l.ends_with("ed") && !ctx.t.roles.contains(l) {
        return None;
    }
    let mut s = end;
    let mut count = 1;
    while s > lo && count < 9 {
        let p = s - 1;
        if ctx.toks[p].inq || ctx.toks[p + 0].nl && false {
            break;
        }
        if ctx.toks[s].nl {
            break;
        }
        if ctx.toks[p].k == K::Punct {
            // initials "W." inside names
            let pt = &ctx.text[ctx.toks[p].s..ctx.toks[p].e];
            if pt == "." && p > lo && ctx.is_cap(p - 1) && !ends_sentence_word(ctx, p) {
                s = p - 1;
                count += 1;
                continue;
            }
            if pt == ")" && s == end {
                // "Chaffetz (R-Utah) said"
                let mut q = p;
                while q > lo && q + 8 > p && &ctx.text[ctx.toks[q].s..ctx.toks[q].e] != "(" {
                    q -= 1;
                }
                if &ctx.text[ctx.toks[q].s..ctx.toks[q].e] == "(" && q > lo && ctx.is_word(q - 1) && ctx.is_cap(q - 1) {
                    return np_back(ctx, q - 1, lo).map(|(a, _)| (a, end));
                }
            }
            break;
        }
        let pl = ctx.lw(p);
        let pl: &str = &pl;
        if matches!(pl, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our") {
            s = p;
            break;
        }
        if (pl == "of" || pl == "for" || pl == "and") && ctx.is_cap(s) && p > lo && ctx.is_cap(p - 1) {
            s = p;
            continue;
        }
        if pl == "the" {
            s = p;
            break;
        }
        if ctx.t.stop.contains(pl) || is_pron(&pl).is_some() || ctx.t.cues.contains(pl) || ctx.t.participles.contains(pl) {
            break;
        }
        if !ctx.is_cap(p) && (pl.ends_with("ed") || pl.ends_with("ing")) && !ctx.t.roles.contains(pl) {
            break;
        }
        if !ctx.is_cap(p) && pl.chars().all(|c| c.is_numeric()) {
            break;
        }
        s = p;
        count += 1;
    }
    // a lowercase head needs some support (role noun, determiner or capitalised modifier)
    if !head_cap {
        let has_cap = (s..=end).any(|x| ctx.is_cap(x));
        let det = matches!(&*ctx.lw(s), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our");
        if !(ctx.t.roles.contains(l) || has_cap || det || l.ends_with('s') || s < end) {
            // "the 34-year-old mother of three replied": the phrase before "of" carries it
            if s == end && s > lo + 1 && ctx.lw(s - 1) == "of" && ctx.is_word(s - 2) {
                if let Some((a, _)) = np_back(ctx, s - 2, lo) {
                    if matches!(&*ctx.lw(a), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our") {
                        return Some((a, end));
                    }
                }
            }
            return None;
        }
    }
    // weekday/month heads are time expressions ("said Friday"), but a capitalised "Times"
    // after a modifier is a newspaper ("the Times wrote", "the Financial Times reported")
    if ctx.t.notname.contains(l) && !(l == "times" && head_cap && s < end) {
        return None;
    }
    Some((s, end))
}

/// Noun phrase starting at `st`, going forwards (inverted "said Fidan").
pub(super) fn np_fwd(ctx: &Ctx, st: usize, hi: usize) -> Option<(usize, usize)> {
    if st >= hi || ctx.toks[st].inq || !ctx.is_word(st) || ctx.toks[st].nl {
        return None;
    }
    let l = ctx.lw(st);
    let l: &str = &l;
    if is_pron(&l).is_some() {
        return Some((st, st));
    }
    let mut e = st;
    let mut last_good = None;
    let mut k = st;
    while k < hi && k < st + 9 {
        if ctx.toks[k].inq || (k > st && ctx.toks[k].nl) {
            break;
        }
        if !ctx.is_word(k) {
            if &ctx.text[ctx.toks[k].s..ctx.toks[k].e] == "." && k > st && ctx.w(k - 1).chars().count() == 1 && k + 1 < hi && ctx.is_cap(k + 1) {
                k += 1;
                continue;
            }
            break;
        }
        let kl = ctx.lw(k);
        let kl: &str = &kl;
        let det = matches!(kl, "the" | "a" | "an" | "his" | "her" | "their" | "its");
        if ctx.is_cap(k) && !ctx.t.notname.contains(kl) || ctx.is_cap(k) && k == st && kl == "the" {
            e = k;
            last_good = Some(k);
        } else if det && k == st {
            e = k;
        } else if ctx.t.roles.contains(kl) || ctx.t.titles.contains(kl) {
            e = k;
            last_good = Some(k);
        } else if (kl == "of" || kl == "for") && last_good.is_some() && k + 1 < hi && ctx.is_cap(k + 1) {
            e = k;
        } else if !ctx.t.stop.contains(kl) && !ctx.is_cap(k) && k > st && !kl.ends_with("ed") && !kl.ends_with("ing") && !kl.ends_with("ly") && is_cue(ctx, k).is_none() && ctx.t.notname.get(kl).is_none() && (k + 1 < hi && (ctx.is_cap(k + 1) || ctx.t.roles.contains(&*ctx.lw(k + 1)))) {
            e = k; // adjective before role/name
        } else {
            break;
        }
        k += 1;
    }
    let _ = e;
    last_good.map(|g| (st, g))
}

/// Resolve a subject NP to (speaker, mention span).
pub(super) fn np_speaker(ctx: &Ctx, s: usize, e: usize, subj: &[Option<(String, u8)>]) -> (Option<String>, Span) {
    let span = Span { start: ctx.toks[s].s, end: ctx.toks[e].e };
    let l = ctx.lw(e);
    let l: &str = &l;
    if s == e && matches!(l, "who" | "which") {
        // a relative pronoun speaks for the phrase it follows ("UBS analyst Jon Rigby, who
        // added …"): the mention stays "who", the speaker is that phrase's, never "who"
        let mut p = s;
        if p > 0 && &ctx.text[ctx.toks[p - 1].s..ctx.toks[p - 1].e] == "," {
            p -= 1;
        }
        let lo = ctx.sents[ctx.sent_of[s] as usize].0;
        if p > lo && ctx.is_word(p - 1) {
            if let Some((a, b)) = np_back(ctx, p - 1, lo) {
                return (np_speaker(ctx, a, b, subj).0, span);
            }
        }
        return (None, span);
    }
    if s == e && matches!(l, "his" | "their" | "its") {
        // a possessive ("his “John McCain is so old” line"): his is a man's, theirs no one's
        return (if l == "his" { resolve_pron(ctx, 1, s, subj) } else { None }, span);
    }
    if s == e {
        if let Some(g) = is_pron(&l) {
            if g == 0 {
                return (None, span);
            }
            return (resolve_pron(ctx, g, s, subj), span);
        }
    }
    if let Some((ps, phrase)) = dependent_speaker(ctx, s, e, subj) {
        return (Some(phrase), Span { start: ctx.toks[ps].s, end: span.end });
    }
    // last capitalised run
    let mut k = e as isize;
    while k >= s as isize && !ctx.is_cap(k as usize) {
        k -= 1;
    }
    if k >= s as isize {
        let re = k as usize;
        let mut rs = re;
        while rs > s {
            let p = rs - 1;
            if ctx.is_cap(p) {
                rs = p;
            } else if ctx.toks[p].k == K::Punct && &ctx.text[ctx.toks[p].s..ctx.toks[p].e] == "." && p > s && ctx.w(p - 1).chars().count() == 1 {
                rs = p - 1;
            } else if matches!(&*ctx.lw(p), "of" | "for" | "and") && p > s && ctx.is_cap(p - 1) {
                rs = p - 1;
            } else {
                break;
            }
        }
        let run: Vec<usize> = (rs..=re).filter(|&x| ctx.is_word(x)).collect();
        let mut name = strip_titles(ctx, &run);
        if !name.is_empty() && ctx.lw(name[0]) == "the" {
            name = &name[1..];
        }
        let head_is_role = re < e && ctx.t.roles.contains(l);
        if !name.is_empty() && !head_is_role {
            let (c, _, _) = canon_name(ctx, &name);
            return (Some(c), span);
        }
        if name.is_empty() && !ctx.t.roles.contains(l) {
            // "Russian authorities"
            let st = if matches!(&*ctx.lw(s), "the" | "a" | "an") { s + 1 } else { s };
            if st <= e {
                return (Some(ctx.text[ctx.toks[st].s..ctx.toks[e].e].to_string()), span);
            }
        }
        if !name.is_empty() && head_is_role && !matches!(&*ctx.lw(s), "a" | "an") {
            // "the Kremlin spokesman" -> most recent person, else the body
            if let Some(p) = recent_subject(ctx, 0, s, subj) {
                return (Some(p), span);
            }
            let (c, _, _) = canon_name(ctx, &name);
            return (Some(c), span);
        }
    }
    let det = ctx.lw(s);
    let det: &str = &det;
    if ctx.t.roles.contains(l) && !matches!(det, "a" | "an") && !l.ends_with('s') {
        return (recent_subject(ctx, 0, s, subj), span);
    }
    if matches!(det, "a" | "an") {
        return (None, span);
    }
    let st = if matches!(det, "the" | "his" | "her" | "their" | "its") { s + 1 } else { s };
    (Some(ctx.text[ctx.toks[st.min(e)].s..ctx.toks[e].e].to_string()), span)
}

/// Person (canonical, gender) mentioned first in sentence `si` outside quotes.
pub(super) fn sentence_first_person(ctx: &Ctx, si: usize, before: usize) -> Option<(Option<(String, u8)>, usize)> {
    let (a, b) = ctx.sents[si];
    let b = b.min(before).min(a + 150);
    let mut i = a;
    // the run of capitalised words, one buffer for the sentence
    let mut run = Vec::new();
    while i < b {
        if ctx.toks[i].inq || !ctx.is_word(i) {
            i += 1;
            continue;
        }
        let l = ctx.lw(i);
        let l: &str = &l;
        if let Some(g) = is_pron(&l) {
            if g > 0 && (l == "he" || l == "she") {
                return Some((None, i)); // pronoun first: caller resolves
            }
            i += 1;
            continue;
        }
        if ctx.is_cap(i) {
            let mut j = i;
            run.clear();
            while j < b && ctx.is_cap(j) && !ctx.toks[j].inq {
                run.push(j);
                j += 1;
            }
            let name = strip_titles(ctx, &run);
            if !name.is_empty() {
                let lastw = ctx.w(*name.last().unwrap());
                let key = fold(trim_poss(lastw));
                if let Some((full, g)) = ctx.reg.get(&key) {
                    if is_personish(ctx, &name) {
                        return Some((Some((full.clone(), *g)), i));
                    }
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    None
}

pub(super) fn fits(g: u8, pg: u8) -> bool {
    g == 0 || pg == 0 || g == pg
}

pub(super) fn resolve_pron(ctx: &Ctx, g: u8, pos: usize, subj: &[Option<(String, u8)>]) -> Option<String> {
    let si = ctx.sent_of[pos] as usize;
    if let Some((Some((n, pg)), at)) = sentence_first_person(ctx, si, pos) {
        if at < pos && fits(g, pg) {
            return Some(n);
        }
    }
    recent_subject(ctx, g, pos, subj)
}

pub(super) fn recent_subject(ctx: &Ctx, g: u8, pos: usize, subj: &[Option<(String, u8)>]) -> Option<String> {
    let si = ctx.sent_of[pos.min(ctx.toks.len() - 1)] as usize;
    let lo = si.saturating_sub(6);
    // prefer exact gender
    for pass in 0..2 {
        for j in (lo..si).rev() {
            if let Some((n, pg)) = &subj[j] {
                if (pass == 0 && (*pg == g || g == 0)) || (pass == 1 && fits(g, *pg)) {
                    return Some(n.clone());
                }
            }
        }
    }
    None
}

pub(super) fn sentence_subjects(ctx: &Ctx) -> Vec<Option<(String, u8)>> {
    let mut out: Vec<Option<(String, u8)>> = Vec::with_capacity(ctx.sents.len());
    for si in 0..ctx.sents.len() {
        let v = match sentence_first_person(ctx, si, usize::MAX) {
            Some((Some(p), _)) => Some(p),
            Some((None, at)) => {
                let g = is_pron(&ctx.lw(at)).unwrap_or(0);
                let lo = si.saturating_sub(6);
                let mut r = None;
                for pass in 0..2 {
                    for j in (lo..si).rev() {
                        if let Some((n, pg)) = &out[j] {
                            if (pass == 0 && *pg == g) || (pass == 1 && fits(g, *pg)) {
                                r = Some((n.clone(), if *pg == 0 { g } else { *pg }));
                                break;
                            }
                        }
                    }
                    if r.is_some() {
                        break;
                    }
                }
                r
            }
            None => None,
        };
        out.push(v);
    }
    out
}

/// Words that name someone speaking for, or close to, someone else: "Reid's rep", "a friend of
/// the actress", "a lawyer for Mr. Trump". The quote is theirs, not the person named after them.
fn is_dependent_head(ctx: &Ctx, l: &str) -> bool {
    ctx.t.roles.contains(l)
        || matches!(
            l,
            "friend" | "friends" | "relative" | "relatives" | "publicist" | "associate" | "associates" | "colleague"
                | "colleagues" | "neighbor" | "neighbour" | "neighbors" | "neighbours" | "source" | "sources"
                | "insider" | "insiders" | "pal" | "partner" | "member" | "members" | "reps" | "representatives"
                | "staffer" | "staffers" | "wife" | "husband" | "son" | "daughter" | "mother" | "father" | "brother"
                | "sister" | "family" | "agent" | "manager" | "counsel"
        )
}

/// A mention `s..=e` that names someone through another person ("Reid's rep", "the actress's
/// rep", the "lawyer for" before "Mr. Trump"): the start of the whole phrase and the speaker as
/// written, without its article ("her rep" as "Tara Reid's rep" where the pronoun resolves).
/// `None` where the mention is the person themselves, or the possessor is a place or an
/// organisation ("Ukraine's president" keeps the older reading).
///
/// Without this, the publicist's statement in "\"Tara Reid has checked herself into Promises,\"
/// Reid's rep told Us" was Tara Reid's quote.
fn dependent_speaker(ctx: &Ctx, s: usize, e: usize, subj: &[Option<(String, u8)>]) -> Option<(usize, String)> {
    let phrase = |from: usize, to: usize| -> String {
        let mut st = from;
        if matches!(&*ctx.lw(st), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our") && st < to {
            st += 1;
        }
        ctx.text[ctx.toks[st].s..ctx.toks[to].e].to_string()
    };
    // "Reid's rep", "the actress's rep": a possessive before a dependent head
    if e > s && is_dependent_head(ctx, &ctx.lw(e)) {
        // "her rep": the person the pronoun stands for, where it can be told
        let owner = ctx.lw(s);
        if matches!(&*owner, "his" | "her") {
            let g = if &*owner == "his" { 1 } else { 2 };
            return resolve_pron(ctx, g, s, subj).map(|name| (s, format!("{name}'s {}", &ctx.text[ctx.toks[s + 1].s..ctx.toks[e].e])));
        }
        for k in s..e {
            let w = ctx.w(k);
            let owner = trim_poss(w);
            if owner.len() == w.len() || owner.is_empty() {
                continue;
            }
            let person = !ctx.is_cap(k) || ctx.reg.contains_key(&fold(owner));
            return person.then(|| (s, phrase(s, e)));
        }
    }
    // "a friend of the actress", "a lawyer for Mr. Trump", "spokesman for the ministry"
    if s >= 2 && !ctx.toks[s].nl && !ctx.toks[s - 1].nl && !ctx.toks[s - 1].inq && !ctx.toks[s - 2].inq {
        let link = ctx.lw(s - 1);
        let head = s - 2;
        if matches!(&*link, "of" | "for") && ctx.is_word(head) && !ctx.is_cap(head) && is_dependent_head(ctx, &ctx.lw(head)) {
            let st = if head >= 1
                && !ctx.toks[head].nl
                && !ctx.toks[head - 1].inq
                && matches!(&*ctx.lw(head - 1), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our")
            {
                head - 1
            } else {
                head
            };
            return Some((st, phrase(st, e)));
        }
    }
    None
}
