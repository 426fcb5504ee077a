//! `LayerStore` on SQLite: writing an article's analysis layers and reading them back.

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{OptionalExtension, params};

use super::{SqliteStore, insert_rows, span_at};
use crate::store::rules;
use crate::store::{EntitySummary, LayerStore, MentionRow, NameCount, QuoteRow, Result};
use crate::analysis::claims::Claim;
use crate::analysis::clauses::Clause;
use crate::analysis::{Analysis, Entity, EntityKind, Layers, Quote, TimeType, Timex};
use crate::model::Span;

/// An optional text as a value (NULL for none), borrowed.
fn opt_text(s: Option<&str>) -> ToSqlOutput<'_> {
    s.map_or(ToSqlOutput::Owned(Value::Null), ToSqlOutput::from)
}

/// A byte offset as a value.
fn at(x: usize) -> ToSqlOutput<'static> {
    ToSqlOutput::from(x as i64)
}

/// Insert the times layer of one article, each expression with its rule (JSON).
pub(super) fn write_times(tx: &rusqlite::Connection, seq: i64, text: &str, times: &[Timex]) -> rusqlite::Result<()> {
    let mut v: Vec<ToSqlOutput<'_>> = Vec::with_capacity(times.len() * 7);
    for x in times {
        let rule = serde_json::to_string(&x.rule).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        v.extend([ToSqlOutput::from(seq), at(x.span.start), at(x.span.end), ToSqlOutput::from(x.span.of(text)), ToSqlOutput::from(x.kind.as_str()), ToSqlOutput::from(x.value.as_str()), ToSqlOutput::from(rule)]);
    }
    insert_rows(tx, "INSERT INTO times (article_seq, start_byte, end_byte, text, type, value, rule) VALUES", "", 7, &v)
}

/// Insert the claims layer of one article and mark that the stage ran; nothing for a layer
/// that never ran.
pub(super) fn write_claims(tx: &rusqlite::Connection, seq: i64, text: &str, claims: Option<&[Claim]>) -> rusqlite::Result<()> {
    let Some(claims) = claims else { return Ok(()) };
    tx.prepare_cached("UPDATE articles SET claims_ran = 1 WHERE seq = ?1")?.execute(params![seq])?;
    claim_rows(tx, seq, text, claims)
}

/// Insert an article's claims (the article's row says whether the stage ran).
fn claim_rows(tx: &rusqlite::Connection, seq: i64, text: &str, claims: &[Claim]) -> rusqlite::Result<()> {
    let mut c = tx.prepare_cached("INSERT INTO claims (article_seq, start_byte, end_byte, text, kind, claim) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for x in claims {
        let json = serde_json::to_value(x).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let kind = json["kind"].as_str().unwrap_or_default().to_string();
        let span = x.span();
        c.execute(params![seq, span.start as i64, span.end as i64, span.of(text), kind, json.to_string()])?;
    }
    Ok(())
}

/// Insert the clause layer of one article and mark that the stage ran; nothing for a layer
/// that never ran.
pub(super) fn write_clauses(tx: &rusqlite::Connection, seq: i64, text: &str, clauses: Option<&[Clause]>) -> rusqlite::Result<()> {
    let Some(clauses) = clauses else { return Ok(()) };
    tx.prepare_cached("UPDATE articles SET clauses_ran = 1 WHERE seq = ?1")?.execute(params![seq])?;
    clause_rows(tx, seq, text, clauses)
}

/// Insert an article's clauses (the article's row says whether the stage ran).
fn clause_rows(tx: &rusqlite::Connection, seq: i64, text: &str, clauses: &[Clause]) -> rusqlite::Result<()> {
    let mut v: Vec<ToSqlOutput<'_>> = Vec::with_capacity(clauses.len() * 5);
    for x in clauses {
        let json = serde_json::to_string(x).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        v.extend([ToSqlOutput::from(seq), at(x.expr.start), at(x.expr.end), ToSqlOutput::from(x.expr.of(text)), ToSqlOutput::from(json)]);
    }
    insert_rows(tx, "INSERT INTO clauses (article_seq, start_byte, end_byte, text, clause) VALUES", "", 5, &v)
}

/// Store the sentence layer of one article, packed (`rules::pack_spans`); nothing for a
/// layer that never ran.
pub(super) fn write_sentences(tx: &rusqlite::Connection, seq: i64, sentences: Option<&[Span]>) -> rusqlite::Result<()> {
    let Some(sentences) = sentences else { return Ok(()) };
    tx.prepare_cached("UPDATE articles SET sentences = ?2 WHERE seq = ?1")?.execute(params![seq, rules::pack_spans(sentences)])?;
    Ok(())
}

/// Insert the analysis layers of one article (byte offsets) in their tables. Whether the
/// claims and clause stages ran and the packed sentences are columns of the article's row,
/// written with it (`put_batch`): three updates of the row just inserted cost more than
/// the values.
pub(super) fn write_layers(tx: &rusqlite::Connection, seq: i64, text: &str, an: &Analysis) -> rusqlite::Result<()> {
    let b = |x: usize| x as i64;
    let mut q = tx.prepare_cached(
        "INSERT INTO quotes (article_seq, start_byte, end_byte, text, partial, speaker, speaker_key, mention_start,
         mention_end, mention_text, cue_start, cue_end, cue_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, x) in an.layers.quotes.iter().enumerate() {
        let key = an.speaker_key_of(i);
        q.execute(params![
            seq,
            b(x.span.start),
            b(x.span.end),
            x.span.of(text),
            x.partial,
            x.speaker,
            key,
            x.speaker_mention.map(|m| b(m.start)),
            x.speaker_mention.map(|m| b(m.end)),
            x.speaker_mention.map(|m| m.of(text)),
            x.cue.map(|m| b(m.start)),
            x.cue.map(|m| b(m.end)),
            x.cue.map(|m| m.of(text)),
        ])?;
    }
    write_times(tx, seq, text, &an.layers.times)?;
    claim_rows(tx, seq, text, an.layers.claims.as_deref().unwrap_or_default())?;
    clause_rows(tx, seq, text, an.layers.clauses.as_deref().unwrap_or_default())?;
    let mut v: Vec<ToSqlOutput<'_>> = Vec::with_capacity(an.layers.entities.len() * 8);
    for (i, x) in an.layers.entities.iter().enumerate() {
        v.extend([
            ToSqlOutput::from(seq),
            at(x.span.start),
            at(x.span.end),
            ToSqlOutput::from(x.span.of(text)),
            ToSqlOutput::from(x.kind.as_str()),
            ToSqlOutput::from(x.canonical.as_str()),
            ToSqlOutput::from(an.entity_key_of(i)),
            opt_text(x.role.as_deref()),
        ]);
    }
    insert_rows(tx, "INSERT INTO entities (article_seq, start_byte, end_byte, text, kind, canonical, key, role) VALUES", "", 8, &v)
}

pub(super) const QUOTE_COLUMNS: &str = "q.id, a.id, a.published, q.start_byte, q.end_byte, q.text, q.partial, q.speaker, q.speaker_key,
     q.mention_start, q.mention_end, q.cue_start, q.cue_end, q.group_id, a.seq, a.source";

pub(super) fn quote_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: r.get(0)?,
        article: r.get(1)?,
        published: r.get(2)?,
        span: Span::new(r.get::<_, i64>(3)? as usize, r.get::<_, i64>(4)? as usize),
        text: r.get(5)?,
        partial: r.get(6)?,
        speaker: r.get(7)?,
        speaker_key: r.get(8)?,
        speaker_mention: span_at(r, 9)?,
        cue: span_at(r, 11)?,
        group: r.get(13)?,
        seq: r.get(14)?,
        source: r.get(15)?,
    })
}

/// The mentions of one merge key (`?2`), of one kind (`?1`) or all: the key's run in each epoch
/// of the index entities_key ((article_seq >> 14), key; 14 is `store::EPOCH_BITS`, written as
/// the index's expression is, which SQLite matches by its text), epochs 0 to the newest
/// article's. Since v14: at 1M articles some 62 bounded seeks. CROSS JOIN keeps the epochs the
/// outer loop (SQLite's rule): without statistics the planner scanned the whole table.
pub(in crate::store) const ENTITIES_BY_KEY: &str =
    "WITH RECURSIVE epochs(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM epochs WHERE x < ((SELECT max(article_seq) FROM entities) >> 14))
     SELECT e.key, e.kind, e.canonical, e.text, e.role, a.id FROM epochs
     CROSS JOIN entities e ON (e.article_seq >> 14) = epochs.x AND e.key = ?2 JOIN articles a ON a.seq = e.article_seq
     WHERE (?1 IS NULL OR e.kind = ?1) ORDER BY e.key, a.seq, e.start_byte";

impl SqliteStore {

    /// Entity summaries from mentions: (key, kind, canonical, text, role, article id) rows
    /// ordered by key, then article, then position.
    pub(super) fn entity_rows(&self, sql: &str, args: impl rusqlite::Params) -> Result<Vec<EntitySummary>> {
        let rows = self.all("cannot read entities", sql, args, |r| {
            Ok(MentionRow { key: r.get(0)?, kind: r.get(1)?, canonical: r.get(2)?, text: r.get(3)?, role: r.get(4)?, article: r.get(5)? })
        })?;
        Ok(rules::entity_summaries(rows))
    }

}

impl SqliteStore {
    /// The layers of the article stored at `seq`, its sentence layer read against `text` when
    /// the caller holds the article's text (else read with it).
    pub(super) fn layers_of(&self, seq: i64, text: Option<&str>) -> Result<Layers> {
        let e = self.e("cannot read an article's layers");
        let what = "cannot read an article's layers";
        let span = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Span> { Ok(Span::new(r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)) };
        let quotes = self.all(
            what,
            "SELECT start_byte, end_byte, partial, speaker, mention_start, mention_end, cue_start, cue_end FROM quotes WHERE article_seq = ?1 ORDER BY start_byte, id",
            params![seq],
            |r| Ok(Quote { span: span(r)?, partial: r.get(2)?, speaker: r.get(3)?, speaker_mention: span_at(r, 4)?, cue: span_at(r, 6)? }),
        )?;
        let times = self.all(what, "SELECT start_byte, end_byte, type, value, rule FROM times WHERE article_seq = ?1 ORDER BY start_byte, id", params![seq], |r| {
            let value: String = r.get(3)?;
            // a rule that cannot be read keeps the value as it was stored
            let rule = r.get::<_, Option<String>>(4)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_else(|| crate::analysis::times::Rule::Fixed(value.clone()));
            Ok(Timex { span: span(r)?, kind: TimeType::parse(&r.get::<_, String>(2)?).unwrap_or(TimeType::Date), value, rule })
        })?;
        let entities = self.all(what, "SELECT start_byte, end_byte, kind, canonical, role FROM entities WHERE article_seq = ?1 ORDER BY start_byte, id", params![seq], |r| {
            Ok(Entity { span: span(r)?, kind: EntityKind::parse(&r.get::<_, String>(2)?).unwrap_or(EntityKind::Other), canonical: r.get(3)?, role: r.get(4)? })
        })?;
        let (ran, clauses_ran): (Option<i64>, Option<i64>) =
            self.conn.prepare_cached("SELECT claims_ran, clauses_ran FROM articles WHERE seq = ?1").map_err(&e)?.query_row(params![seq], |r| Ok((r.get(0)?, r.get(1)?))).map_err(&e)?;
        let claims = match ran {
            None => None,
            Some(_) => Some(self.all(what, "SELECT claim FROM claims WHERE article_seq = ?1 ORDER BY start_byte, id", params![seq], |r| {
                let json: String = r.get(0)?;
                serde_json::from_str::<Claim>(&json).map_err(|x| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(x)))
            })?),
        };
        let clauses = match clauses_ran {
            None => None,
            Some(_) => Some(self.all(what, "SELECT clause FROM clauses WHERE article_seq = ?1 ORDER BY start_byte, end_byte, id", params![seq], |r| {
                let json: String = r.get(0)?;
                serde_json::from_str::<Clause>(&json).map_err(|x| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(x)))
            })?),
        };
        // the sentence layer, read back against the text it cuts (a damaged column reads as
        // never ran)
        let sentences = match text {
            // the text at hand (`article` has just read it): not read again
            Some(text) => self
                .conn
                .prepare_cached("SELECT sentences FROM articles WHERE seq = ?1 AND sentences IS NOT NULL")
                .map_err(&e)?
                .query_row(params![seq], |r| r.get::<_, Vec<u8>>(0))
                .optional()
                .map_err(&e)?
                .and_then(|b| rules::unpack_spans(&b, text)),
            None => self
                .conn
                .prepare_cached("SELECT a.sentences, t.body FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.seq = ?1 AND a.sentences IS NOT NULL")
                .map_err(&e)?
                .query_row(params![seq], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?)))
                .optional()
                .map_err(&e)?
                .and_then(|(b, text)| rules::unpack_spans(&b, &text)),
        };
        Ok(Layers { quotes, times, entities, claims, clauses, sentences })
    }
}

impl LayerStore for SqliteStore {
    fn article_layers(&self, id: &str) -> Result<Option<Layers>> {
        let e = self.e("cannot read an article's layers");
        let seq: Option<i64> = self.conn.prepare_cached("SELECT seq FROM articles WHERE id = ?1").map_err(&e)?.query_row(params![id], |r| r.get(0)).optional().map_err(&e)?;
        let Some(seq) = seq else { return Ok(None) };
        self.layers_of(seq, None).map(Some)
    }

    fn quotes_of(&self, ids: &[String]) -> Result<Vec<QuoteRow>> {
        let e = self.e("cannot read quotes");
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.seq = q.article_seq WHERE a.id = ?1 ORDER BY q.start_byte, q.id"))
            .map_err(&e)?;
        let mut out = Vec::new();
        for id in ids {
            let rows = st.query_map(params![id], quote_from).map_err(&e)?;
            out.extend(rows.collect::<rusqlite::Result<Vec<_>>>().map_err(&e)?);
        }
        Ok(out)
    }

    fn entity_summaries(&self, kind: Option<&str>, key: Option<&str>) -> Result<Vec<EntitySummary>> {
        let Some(key) = key else {
            return self.entity_rows(
                "SELECT e.key, e.kind, e.canonical, e.text, e.role, a.id FROM entities e JOIN articles a ON a.seq = e.article_seq
                 WHERE (?1 IS NULL OR e.kind = ?1) ORDER BY e.key, a.seq, e.start_byte",
                params![kind],
            );
        };
        self.entity_rows(ENTITIES_BY_KEY, params![kind, key])
    }

    fn story_entities(&self, story: i64) -> Result<Vec<EntitySummary>> {
        self.entity_rows(
            "SELECT e.key, e.kind, e.canonical, e.text, e.role, a.id FROM entities e JOIN articles a ON a.seq = e.article_seq
             WHERE a.story_id = ?1 ORDER BY e.key, a.seq, e.start_byte",
            params![story],
        )
    }

    fn story_top_names(&self, story: i64, n: usize) -> Result<Vec<NameCount>> {
        // the index story_names_rank gives them in this order: `n` rows read
        self.all(
            "cannot read stories",
            "SELECT key, kind, name, articles, mentions FROM story_names WHERE story_id = ?1
             ORDER BY articles DESC, mentions DESC, name, key LIMIT ?2",
            params![story, n as i64],
            |r| {
                Ok(NameCount {
                    key: r.get(0)?,
                    kind: EntityKind::parse(&r.get::<_, String>(1)?).unwrap_or(EntityKind::Other),
                    name: r.get(2)?,
                    articles: r.get(3)?,
                    mentions: r.get(4)?,
                })
            },
        )
    }
}
