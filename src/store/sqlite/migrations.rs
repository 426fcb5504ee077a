//! Schema migrations: each version's SQL (`store/migrations/`) and the code steps that need more than SQL.

use rusqlite::params;

use super::layers::{write_claims, write_clauses, write_sentences, write_times};
/// A migration step that needs more than SQL, run after the version's SQL in its transaction.
type Step = fn(&rusqlite::Connection) -> rusqlite::Result<()>;

/// Schema migrations, in order: (version, SQL, then code).
pub(in crate::store) const MIGRATIONS: &[(i64, &[&str], Option<Step>)] = &[
    (1, &[include_str!("../migrations/0001_articles.sql"), include_str!("../migrations/0001_sqlite_search.sql")], None),
    (2, &[include_str!("../migrations/0002_layers.sql")], None),
    (3, &[include_str!("../migrations/0003_stories.sql")], None),
    (4, &[include_str!("../migrations/0004_cluster_rows.sql")], None),
    (5, &[include_str!("../migrations/0005_byte_offsets.sql")], Some(offsets_to_bytes)),
    (6, &[include_str!("../migrations/0006_known_outlets.sql")], None),
    (7, &[include_str!("../migrations/0007_time_rules.sql")], Some(time_rules)),
    (8, &[include_str!("../migrations/0008_claims.sql")], Some(claims_layer)),
    (9, &[include_str!("../migrations/0009_clauses.sql")], Some(clauses_layer)),
    (10, &[include_str!("../migrations/0010_sentences.sql")], Some(sentences_layer)),
    (11, &[include_str!("../migrations/0011_threads.sql")], None),
    (12, &[include_str!("../migrations/0012_story_names.sql")], None),
    (13, &[include_str!("../migrations/0013_band_epochs.sql")], None),
    (14, &[include_str!("../migrations/0014_writer_indexes.sql")], None),
    (15, &[include_str!("../migrations/0015_clustered_keys.sql")], None),
];

/// The v7 step: every article's times tagged again against its date as stored, with rules
/// (a v6 row held a value alone). Articles outside the extractors' languages had no layers
/// and get none.
fn time_rules(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    let mut arts = tx.prepare(
        "SELECT a.seq, t.body, a.published, a.language FROM articles a JOIN texts t ON t.id = a.text_id
         WHERE EXISTS (SELECT 1 FROM times x WHERE x.article_seq = a.seq)",
    )?;
    let rows = arts
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, Option<String>>(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (seq, body, published, language) in rows {
        let date = published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok());
        let layer = crate::text::TextLayer::new(&body, language.as_deref());
        let times = crate::analysis::times_layer_in(&layer, date);
        tx.prepare_cached("DELETE FROM times WHERE article_seq = ?1")?.execute(params![seq])?;
        write_times(tx, seq, &body, &times)?;
    }
    Ok(())
}

/// Every stored article's (seq, text, language), for the steps that run a stage over them.
fn stored_texts(tx: &rusqlite::Connection) -> rusqlite::Result<Vec<(i64, String, Option<String>)>> {
    let mut arts = tx.prepare("SELECT a.seq, t.body, a.language FROM articles a JOIN texts t ON t.id = a.text_id")?;
    let rows = arts.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?;
    rows.collect()
}

/// The v8 step: the claims stage run on every stored article in a language the extractors
/// read (English, or none detected); the others keep "never ran".
fn claims_layer(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    let rows = stored_texts(tx)?;
    for (seq, body, language) in rows {
        if !crate::analysis::is_english(language.as_deref()) {
            continue;
        }
        let layer = crate::text::TextLayer::new(&body, language.as_deref());
        write_claims(tx, seq, &body, Some(&crate::analysis::claims::find_claims(&body, &layer)))?;
    }
    Ok(())
}

/// The v9 step: the clause stage run on every stored article in a language the extractors
/// read, over the spans of its stored date and time expressions and its stored entities; the
/// others keep "never ran".
fn clauses_layer(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    let rows = stored_texts(tx)?;
    let mut times = tx.prepare("SELECT start_byte, end_byte FROM times WHERE article_seq = ?1 AND type IN ('DATE', 'TIME') ORDER BY start_byte, id")?;
    let mut ents = tx.prepare("SELECT start_byte, end_byte, kind, canonical FROM entities WHERE article_seq = ?1 ORDER BY start_byte, id")?;
    for (seq, body, language) in rows {
        if !crate::analysis::is_english(language.as_deref()) {
            continue;
        }
        let spans = times
            .query_map(params![seq], |r| Ok(crate::model::Span { start: r.get::<_, i64>(0)? as usize, end: r.get::<_, i64>(1)? as usize }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let entities = ents
            .query_map(params![seq], |r| {
                Ok(crate::analysis::Entity {
                    span: crate::model::Span { start: r.get::<_, i64>(0)? as usize, end: r.get::<_, i64>(1)? as usize },
                    kind: crate::analysis::EntityKind::parse(&r.get::<_, String>(2)?).unwrap_or(crate::analysis::EntityKind::Other),
                    canonical: r.get(3)?,
                    role: None,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let layer = crate::text::TextLayer::new(&body, language.as_deref());
        write_clauses(tx, seq, &body, Some(&crate::analysis::clauses::find_clauses(&body, &layer, spans, &entities)))?;
    }
    Ok(())
}

/// The v10 step: every stored article's sentences, cut by the shared segmenter with the
/// rules of its language (every language: the segmenter reads them all).
fn sentences_layer(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    let rows = stored_texts(tx)?;
    for (seq, body, language) in rows {
        write_sentences(tx, seq, Some(&crate::text::sentence_spans(&body, language.as_deref())))?;
    }
    Ok(())
}

/// The v5 migration's code: every stored code-point offset of a text that is not ASCII
/// (where code points and bytes differ) becomes a byte offset.
fn offsets_to_bytes(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    use crate::store::legacy::CodePoints;
    let mut arts = tx.prepare(
        "SELECT a.seq, t.body, a.header_start, a.header_end, a.dateline_start, a.dateline_end
         FROM articles a JOIN texts t ON t.id = a.text_id WHERE length(t.body) <> length(CAST(t.body AS BLOB))",
    )?;
    let rows = arts
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, [r.get::<_, Option<i64>>(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // (table, the offset columns): every column is a code point of the article's text, or null
    const LAYERS: [(&str, &[&str]); 3] = [
        ("quotes", &["start_byte", "end_byte", "mention_start", "mention_end", "cue_start", "cue_end"]),
        ("times", &["start_byte", "end_byte"]),
        ("entities", &["start_byte", "end_byte"]),
    ];
    for (seq, body, spans) in rows {
        let cp = CodePoints::new(&body);
        let [hs, he, ds, de] = spans.map(|x| x.map(|c| cp.byte_of(c)));
        tx.prepare_cached("UPDATE articles SET header_start = ?2, header_end = ?3, dateline_start = ?4, dateline_end = ?5 WHERE seq = ?1")?
            .execute(params![seq, hs, he, ds, de])?;
        for (table, cols) in LAYERS {
            let list = cols.join(", ");
            let mut read = tx.prepare_cached(&format!("SELECT id, {list} FROM {table} WHERE article_seq = ?1"))?;
            let found = read
                .query_map(params![seq], |r| {
                    let mut v: Vec<Option<i64>> = Vec::with_capacity(cols.len());
                    for i in 0..cols.len() {
                        v.push(r.get(i + 1)?);
                    }
                    Ok((r.get::<_, i64>(0)?, v))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let sets: Vec<String> = cols.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect();
            let mut write = tx.prepare_cached(&format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", ")))?;
            for (id, v) in found {
                let mut args: Vec<Option<i64>> = vec![Some(id)];
                args.extend(v.into_iter().map(|x| x.map(|c| cp.byte_of(c))));
                write.execute(rusqlite::params_from_iter(args))?;
            }
        }
    }
    Ok(())
}
