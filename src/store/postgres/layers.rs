//! `LayerStore` on PostgreSQL: writing a batch's analysis layers (one insert per layer, rows
//! passed as arrays) and reading them back.

use ::postgres::Row;

use super::{PgStore, span_at};
use crate::analysis::claims::Claim;
use crate::analysis::clauses::Clause;
use crate::analysis::{Analysis, Entity, EntityKind, Layers, Quote, TimeType, Timex};
use crate::model::Span;
use crate::store::rules;
use crate::store::{EntitySummary, LayerStore, MentionRow, NameCount, QuoteRow, Result, StoreError};

/// The layer rows of a batch, column by column, written at its end in one statement per
/// table (a round trip per row would cost more than the rows).
#[derive(Default)]
pub(super) struct LayerRows {
    q: (Vec<i64>, Vec<i64>, Vec<i64>, Vec<String>, Vec<bool>, Vec<Option<String>>, Vec<Option<String>>),
    q_mention: (Vec<Option<i64>>, Vec<Option<i64>>, Vec<Option<String>>),
    q_cue: (Vec<Option<i64>>, Vec<Option<i64>>, Vec<Option<String>>),
    t: (Vec<i64>, Vec<i64>, Vec<i64>, Vec<String>, Vec<String>, Vec<String>, Vec<String>),
    e: (Vec<i64>, Vec<i64>, Vec<i64>, Vec<String>, Vec<String>, Vec<String>, Vec<String>, Vec<Option<String>>),
    c: (Vec<i64>, Vec<i64>, Vec<i64>, Vec<String>, Vec<String>, Vec<String>),
    cl: (Vec<i64>, Vec<i64>, Vec<i64>, Vec<String>, Vec<String>),
    /// Articles whose claims stage, and whose clause stage, ran.
    claims_ran: Vec<i64>,
    clauses_ran: Vec<i64>,
    /// Articles whose sentences were cut, each with its packed sentence layer.
    sentences: (Vec<i64>, Vec<Vec<u8>>),
}

impl LayerRows {
    /// The layers of one stored article (byte offsets).
    pub(super) fn add(&mut self, seq: i64, text: &str, an: &Analysis) -> std::result::Result<(), serde_json::Error> {
        let b = |x: usize| x as i64;
        let of = |s: Span| s.of(text).to_string();
        for (i, x) in an.layers.quotes.iter().enumerate() {
            let q = &mut self.q;
            q.0.push(seq);
            q.1.push(b(x.span.start));
            q.2.push(b(x.span.end));
            q.3.push(of(x.span));
            q.4.push(x.partial);
            q.5.push(x.speaker.clone());
            q.6.push(an.speaker_key_of(i));
            self.q_mention.0.push(x.speaker_mention.map(|m| b(m.start)));
            self.q_mention.1.push(x.speaker_mention.map(|m| b(m.end)));
            self.q_mention.2.push(x.speaker_mention.map(of));
            self.q_cue.0.push(x.cue.map(|m| b(m.start)));
            self.q_cue.1.push(x.cue.map(|m| b(m.end)));
            self.q_cue.2.push(x.cue.map(of));
        }
        for x in &an.layers.times {
            let t = &mut self.t;
            t.0.push(seq);
            t.1.push(b(x.span.start));
            t.2.push(b(x.span.end));
            t.3.push(of(x.span));
            t.4.push(x.kind.as_str().to_string());
            t.5.push(x.value.clone());
            t.6.push(serde_json::to_string(&x.rule)?);
        }
        if let Some(claims) = &an.layers.claims {
            self.claims_ran.push(seq);
            for x in claims {
                let json = serde_json::to_value(x)?;
                let span = x.span();
                let c = &mut self.c;
                c.0.push(seq);
                c.1.push(b(span.start));
                c.2.push(b(span.end));
                c.3.push(of(span));
                c.4.push(json["kind"].as_str().unwrap_or_default().to_string());
                c.5.push(json.to_string());
            }
        }
        if let Some(clauses) = &an.layers.clauses {
            self.clauses_ran.push(seq);
            for x in clauses {
                let cl = &mut self.cl;
                cl.0.push(seq);
                cl.1.push(b(x.expr.start));
                cl.2.push(b(x.expr.end));
                cl.3.push(of(x.expr));
                cl.4.push(serde_json::to_string(x)?);
            }
        }
        if let Some(sentences) = &an.layers.sentences {
            self.sentences.0.push(seq);
            self.sentences.1.push(rules::pack_spans(sentences));
        }
        for (i, x) in an.layers.entities.iter().enumerate() {
            let e = &mut self.e;
            e.0.push(seq);
            e.1.push(b(x.span.start));
            e.2.push(b(x.span.end));
            e.3.push(of(x.span));
            e.4.push(x.kind.as_str().to_string());
            e.5.push(x.canonical.clone());
            e.6.push(an.entity_key_of(i));
            e.7.push(x.role.clone());
        }
        Ok(())
    }

    /// Insert every row gathered (in the order added, so ids follow text order per article).
    pub(super) fn write(&self, s: &PgStore) -> Result<()> {
        let what = "cannot store articles";
        let (q, m, c) = (&self.q, &self.q_mention, &self.q_cue);
        if !q.0.is_empty() {
            s.exec(
                what,
                "INSERT INTO quotes (article_seq, start_byte, end_byte, text, partial, speaker, speaker_key, mention_start,
                 mention_end, mention_text, cue_start, cue_end, cue_text)
                 SELECT a, b, c, d, e, f, g, h, i, j, k, l, m FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::bool[],
                   $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::text[], $11::bigint[], $12::bigint[], $13::text[])
                   WITH ORDINALITY AS x(a, b, c, d, e, f, g, h, i, j, k, l, m, n) ORDER BY n",
                &[&q.0, &q.1, &q.2, &q.3, &q.4, &q.5, &q.6, &m.0, &m.1, &m.2, &c.0, &c.1, &c.2],
            )?;
        }
        let t = &self.t;
        if !t.0.is_empty() {
            s.exec(
                what,
                "INSERT INTO times (article_seq, start_byte, end_byte, text, type, value, rule)
                 SELECT a, b, c, d, e, f, g FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
                   WITH ORDINALITY AS x(a, b, c, d, e, f, g, n) ORDER BY n",
                &[&t.0, &t.1, &t.2, &t.3, &t.4, &t.5, &t.6],
            )?;
        }
        let e = &self.e;
        if !e.0.is_empty() {
            s.exec(
                what,
                "INSERT INTO entities (article_seq, start_byte, end_byte, text, kind, canonical, key, role)
                 SELECT a, b, c, d, e, f, g, h FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                   WITH ORDINALITY AS x(a, b, c, d, e, f, g, h, n) ORDER BY n",
                &[&e.0, &e.1, &e.2, &e.3, &e.4, &e.5, &e.6, &e.7],
            )?;
        }
        let c = &self.c;
        if !c.0.is_empty() {
            s.exec(
                what,
                "INSERT INTO claims (article_seq, start_byte, end_byte, text, kind, claim)
                 SELECT a, b, c, d, e, f FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[])
                   WITH ORDINALITY AS x(a, b, c, d, e, f, n) ORDER BY n",
                &[&c.0, &c.1, &c.2, &c.3, &c.4, &c.5],
            )?;
        }
        let cl = &self.cl;
        if !cl.0.is_empty() {
            s.exec(
                what,
                "INSERT INTO clauses (article_seq, start_byte, end_byte, text, clause)
                 SELECT a, b, c, d, e FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[])
                   WITH ORDINALITY AS x(a, b, c, d, e, n) ORDER BY n",
                &[&cl.0, &cl.1, &cl.2, &cl.3, &cl.4],
            )?;
        }
        if !self.claims_ran.is_empty() {
            s.exec(what, "UPDATE articles SET claims_ran = 1 WHERE seq = ANY($1)", &[&self.claims_ran])?;
        }
        if !self.clauses_ran.is_empty() {
            s.exec(what, "UPDATE articles SET clauses_ran = 1 WHERE seq = ANY($1)", &[&self.clauses_ran])?;
        }
        if !self.sentences.0.is_empty() {
            s.exec(
                what,
                "UPDATE articles a SET sentences = x.b FROM unnest($1::bigint[], $2::bytea[]) AS x(s, b) WHERE a.seq = x.s",
                &[&self.sentences.0, &self.sentences.1],
            )?;
        }
        Ok(())
    }
}

pub(super) const QUOTE_COLUMNS: &str = "q.id, a.id, a.published, q.start_byte, q.end_byte, q.text, q.partial, q.speaker, q.speaker_key,
     q.mention_start, q.mention_end, q.cue_start, q.cue_end, q.group_id, a.seq, a.source";

pub(super) fn quote_from(r: &Row) -> QuoteRow {
    QuoteRow {
        id: r.get(0),
        article: r.get(1),
        published: r.get(2),
        span: Span::new(r.get::<_, i64>(3) as usize, r.get::<_, i64>(4) as usize),
        text: r.get(5),
        partial: r.get(6),
        speaker: r.get(7),
        speaker_key: r.get(8),
        speaker_mention: span_at(r, 9),
        cue: span_at(r, 11),
        group: r.get(13),
        seq: r.get(14),
        source: r.get(15),
    }
}

impl PgStore {
    /// Entity summaries from mentions: (key, kind, canonical, text, role, article id) rows
    /// ordered by key, then article, then position.
    pub(super) fn entity_rows(&self, sql: &str, args: super::Params<'_>) -> Result<Vec<EntitySummary>> {
        let rows = self.rows("cannot read entities", sql, args)?;
        Ok(rules::entity_summaries(rows.iter().map(|r| MentionRow {
            key: r.get(0),
            kind: r.get(1),
            canonical: r.get(2),
            text: r.get(3),
            role: r.get(4),
            article: r.get(5),
        })))
    }
}

/// A JSON column read back, or an error naming the layer.
fn json_of<T: serde::de::DeserializeOwned>(s: &PgStore, layer: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|x| StoreError(format!("{}: cannot read an article's {layer}: {x}", s.shown)))
}

impl LayerStore for PgStore {
    fn article_layers(&self, id: &str) -> Result<Option<Layers>> {
        let what = "cannot read an article's layers";
        let Some(r) = self.opt(what, "SELECT seq, claims_ran, clauses_ran FROM articles WHERE id = $1", &[&id])? else { return Ok(None) };
        let (seq, claims_ran, clauses_ran): (i64, Option<i64>, Option<i64>) = (r.get(0), r.get(1), r.get(2));
        let span = |r: &Row| Span::new(r.get::<_, i64>(0) as usize, r.get::<_, i64>(1) as usize);
        let quotes = self
            .rows(
                what,
                "SELECT start_byte, end_byte, partial, speaker, mention_start, mention_end, cue_start, cue_end FROM quotes WHERE article_seq = $1 ORDER BY start_byte, id",
                &[&seq],
            )?
            .iter()
            .map(|r| Quote { span: span(r), partial: r.get(2), speaker: r.get(3), speaker_mention: span_at(r, 4), cue: span_at(r, 6) })
            .collect();
        let times = self
            .rows(what, "SELECT start_byte, end_byte, type, value, rule FROM times WHERE article_seq = $1 ORDER BY start_byte, id", &[&seq])?
            .iter()
            .map(|r| {
                let value: String = r.get(3);
                // a rule that cannot be read keeps the value as it was stored
                let rule = r.get::<_, Option<String>>(4).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_else(|| crate::analysis::times::Rule::Fixed(value.clone()));
                Timex { span: span(r), kind: TimeType::parse(&r.get::<_, String>(2)).unwrap_or(TimeType::Date), value, rule }
            })
            .collect();
        let entities = self
            .rows(what, "SELECT start_byte, end_byte, kind, canonical, role FROM entities WHERE article_seq = $1 ORDER BY start_byte, id", &[&seq])?
            .iter()
            .map(|r| Entity { span: span(r), kind: EntityKind::parse(&r.get::<_, String>(2)).unwrap_or(EntityKind::Other), canonical: r.get(3), role: r.get(4) })
            .collect();
        let claims = match claims_ran {
            None => None,
            Some(_) => Some(
                self.rows(what, "SELECT claim FROM claims WHERE article_seq = $1 ORDER BY start_byte, id", &[&seq])?
                    .iter()
                    .map(|r| json_of::<Claim>(self, "claims", r.get(0)))
                    .collect::<Result<Vec<_>>>()?,
            ),
        };
        let clauses = match clauses_ran {
            None => None,
            Some(_) => Some(
                self.rows(what, "SELECT clause FROM clauses WHERE article_seq = $1 ORDER BY start_byte, end_byte, id", &[&seq])?
                    .iter()
                    .map(|r| json_of::<Clause>(self, "clauses", r.get(0)))
                    .collect::<Result<Vec<_>>>()?,
            ),
        };
        // the sentence layer, read back against the text it cuts (a damaged column, or one a
        // v9 store never filled, reads as never ran)
        let sentences = self
            .opt(what, "SELECT a.sentences, t.body FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.seq = $1 AND a.sentences IS NOT NULL", &[&seq])?
            .and_then(|r| rules::unpack_spans(r.get::<_, &[u8]>(0), r.get::<_, &str>(1)));
        Ok(Some(Layers { quotes, times, entities, claims, clauses, sentences }))
    }

    fn quotes_of(&self, ids: &[String]) -> Result<Vec<QuoteRow>> {
        let sql = format!("SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq WHERE a.id = $1 ORDER BY q.start_byte, q.id");
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.rows("cannot read quotes", &sql, &[id])?.iter().map(quote_from));
        }
        Ok(out)
    }

    fn entity_summaries(&self, kind: Option<&str>, key: Option<&str>) -> Result<Vec<EntitySummary>> {
        let Some(key) = key else {
            return self.entity_rows(
                "SELECT e.key, e.kind, e.canonical, e.text, e.role, a.id FROM entities e JOIN articles a ON a.seq = e.article_seq
                 WHERE ($1::text IS NULL OR e.kind = $1) ORDER BY e.key COLLATE \"C\", a.seq, e.start_byte",
                &[&kind],
            );
        };
        // one key: its run in each epoch of the index entities_key ((article_seq >> 14), key;
        // 14 is `store::EPOCH_BITS`, written as the index's expression is), epochs 0 to the
        // newest article's
        self.entity_rows(
            "SELECT e.key, e.kind, e.canonical, e.text, e.role, a.id
             FROM generate_series(0::bigint, (SELECT max(article_seq) FROM entities) >> 14) AS epochs(x)
             JOIN entities e ON (e.article_seq >> 14) = epochs.x AND e.key = $2 JOIN articles a ON a.seq = e.article_seq
             WHERE ($1::text IS NULL OR e.kind = $1) ORDER BY e.key COLLATE \"C\", a.seq, e.start_byte",
            &[&kind, &key],
        )
    }

    fn story_entities(&self, story: i64) -> Result<Vec<EntitySummary>> {
        self.entity_rows(
            "SELECT e.key, e.kind, e.canonical, e.text, e.role, a.id FROM entities e JOIN articles a ON a.seq = e.article_seq
             WHERE a.story_id = $1 ORDER BY e.key COLLATE \"C\", a.seq, e.start_byte",
            &[&story],
        )
    }

    fn story_top_names(&self, story: i64, n: usize) -> Result<Vec<NameCount>> {
        // in the order of the index story_names_rank: `n` rows read
        Ok(self
            .rows(
                "cannot read stories",
                "SELECT key, kind, name, articles, mentions FROM story_names WHERE story_id = $1
                 ORDER BY articles DESC, mentions DESC, name, key COLLATE \"C\" LIMIT $2",
                &[&story, &(n as i64)],
            )?
            .iter()
            .map(|r| NameCount {
                key: r.get(0),
                kind: EntityKind::parse(&r.get::<_, String>(1)).unwrap_or(EntityKind::Other),
                name: r.get(2),
                articles: r.get(3),
                mentions: r.get(4),
            })
            .collect())
    }
}
