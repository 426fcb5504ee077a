//! `ArticleStore` on PostgreSQL: put (texts shared by hash, copies), read, list, search, stats.

use ::postgres::Row;
use crate::store::encode::lead_of;

use super::layers::LayerRows;
use super::{MAX_SEARCH_KEYS, PgStore, span_at};
use crate::analysis::{Analysis, Layers};
use crate::model::Article;
use crate::store::rules;
use crate::store::{ArticleDate, ArticleFacet, ArticleRow, ArticleStore, LayerStore, ListQuery, PutOutcome, Result, Stats, StoreError, StoredArticle, StoredDateline, TextHit};

/// The listing columns (as SQLite's `ROW_COLUMNS`): the lead is read from up to 960 bytes of
/// the body after its header and dateline.
const ROW_COLUMNS: &str = "a.id, a.published, a.published_from, a.source, a.title, t.chars, a.language, a.copy_of, a.format, \
     substring(convert_to(t.body, 'UTF8') from (1 + greatest(coalesce(a.header_end, 0), coalesce(a.dateline_end, 0)))::int for 960), a.flags";
/// Number of columns in ROW_COLUMNS.
const ROW_N: usize = 11;

fn row_from(r: &Row) -> ArticleRow {
    ArticleRow {
        id: r.get(0),
        published: r.get(1),
        published_from: r.get(2),
        source: r.get(3),
        title: r.get(4),
        chars: r.get(5),
        language: r.get(6),
        copy_of: r.get(7),
        format: r.get(8),
        lead: lead_of(&r.get::<_, Option<Vec<u8>>>(9).unwrap_or_default()),
        flags: r.get::<_, Option<String>>(10).map(|f| f.split(',').map(str::to_string).collect()).unwrap_or_default(),
    }
}

/// The search keys as indexed: at most [`MAX_SEARCH_KEYS`] bytes, cut at a key boundary.
fn bounded_keys(keys: &str) -> &str {
    if keys.len() <= MAX_SEARCH_KEYS {
        return keys;
    }
    let cut = keys[..MAX_SEARCH_KEYS].rfind(' ').unwrap_or(0);
    &keys[..cut]
}

/// The first field of an article holding a NUL character (PostgreSQL's text refuses it).
fn nul_in(a: &Article) -> Option<&'static str> {
    let fields: [(&'static str, Option<&str>); 9] = [
        ("id", Some(&a.id)),
        ("text", Some(&a.text)),
        ("title", a.title.as_deref()),
        ("byline", a.byline.as_deref()),
        ("source", a.source.as_deref()),
        ("url", a.url.as_deref()),
        ("canonical url", a.canonical_url.as_deref()),
        ("origin", Some(&a.origin.path)),
        ("origin", a.origin.locator.as_deref()),
    ];
    fields.into_iter().find(|(_, v)| v.is_some_and(|v| v.contains('\0'))).map(|(f, _)| f)
}

impl ArticleStore for PgStore {
    fn put(&mut self, batch: &[(Article, Analysis)]) -> Result<Vec<PutOutcome>> {
        self.write(|s| s.put_batch(batch))
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let what = "cannot read an article";
        let sql = format!(
            "SELECT {ROW_COLUMNS}, a.byline, a.url, a.canonical_url, a.language_detected, a.header_start, a.header_end,
             a.dateline_start, a.dateline_end, a.dateline_place, a.dateline_agency, a.origin_path, a.origin_locator,
             a.ingested_at, t.body, a.text_id, a.near_copy_of, a.near_copy_score, a.story_id, a.text_date,
             a.text_date_confidence
             FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = $1"
        );
        let Some(r) = self.opt(what, &sql, &[&id])? else { return Ok(None) };
        let dateline = span_at(&r, ROW_N + 6).map(|span| StoredDateline { span, place: r.get(ROW_N + 8), agency: r.get(ROW_N + 9) });
        let text_id: i64 = r.get(ROW_N + 14);
        let mut art = StoredArticle {
            row: row_from(&r),
            byline: r.get(ROW_N),
            url: r.get(ROW_N + 1),
            canonical_url: r.get(ROW_N + 2),
            language_detected: r.get(ROW_N + 3),
            header: span_at(&r, ROW_N + 4),
            dateline,
            copies: Vec::new(),
            near_copy_of: r.get(ROW_N + 15),
            near_copy_score: r.get(ROW_N + 16),
            story: r.get(ROW_N + 17),
            origin: r.get(ROW_N + 10),
            origin_locator: r.get(ROW_N + 11),
            ingested_at: r.get(ROW_N + 12),
            text: r.get(ROW_N + 13),
            layers: Layers::default(),
            text_date: r
                .get::<_, Option<String>>(ROW_N + 18)
                .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                .zip(r.get::<_, Option<f64>>(ROW_N + 19).map(|c| c as f32)),
        };
        art.layers = self.article_layers(id)?.unwrap_or_default();
        art.copies = self
            .rows(what, "SELECT id FROM articles WHERE text_id = $1 AND id <> $2 AND copy_of IS NOT NULL ORDER BY seq", &[&text_id, &id])?
            .iter()
            .map(|r| r.get(0))
            .collect();
        Ok(Some(art))
    }

    fn text(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .opt("cannot read an article", "SELECT t.body FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = $1", &[&id])?
            .map(|r| r.get(0)))
    }

    fn articles(&self, q: &ListQuery) -> Result<Vec<ArticleRow>> {
        let order = if q.by_date { "a.published IS NULL, a.published COLLATE \"C\", a.seq" } else { "a.seq" };
        let sql = format!("SELECT {ROW_COLUMNS} FROM articles a JOIN texts t ON t.id = a.text_id ORDER BY {order} LIMIT $1 OFFSET $2");
        let limit: Option<i64> = q.limit.map(|l| l as i64);
        Ok(self.rows("cannot list articles", &sql, &[&limit, &(q.offset as i64)])?.iter().map(row_from).collect())
    }

    fn article_rows(&self, ids: &[String]) -> Result<Vec<ArticleRow>> {
        // one round trip; put back in the order asked
        let sql = format!("SELECT {ROW_COLUMNS} FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ANY($1)");
        let found: std::collections::HashMap<String, ArticleRow> =
            self.rows("cannot list articles", &sql, &[&ids])?.iter().map(row_from).map(|r| (r.id.clone(), r)).collect();
        Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
    }

    fn search_keys(&self, terms: &[Vec<String>], limit: usize, offset: usize) -> Result<Vec<TextHit>> {
        // each term a phrase of keys (adjacent, in order): phraseto_tsquery never fails on its
        // words; the terms are all required
        let Some((phrases, query)) = ts_query(terms) else { return Ok(Vec::new()) };
        let (l, o) = (phrases.len() + 1, phrases.len() + 2);
        // ts_rank's weights are {D, C, B, A}: a title match (A) weighs three times a body match
        let sql = format!(
            "WITH q AS (SELECT {query} AS q),
             hits AS (SELECT s.text_id, ts_rank('{{0.1, 0.1, 0.3333, 1.0}}', s.keys, q.q)::float8 AS rank FROM text_search s, q
                      WHERE s.keys @@ q.q ORDER BY rank DESC, s.text_id LIMIT ${l} OFFSET ${o})
             SELECT {ROW_COLUMNS}, h.rank, t.body, (SELECT count(*) FROM articles c WHERE c.text_id = h.text_id)
             FROM hits h JOIN texts t ON t.id = h.text_id
             JOIN articles a ON a.seq = (SELECT min(seq) FROM articles f WHERE f.text_id = h.text_id)
             ORDER BY h.rank DESC, h.text_id"
        );
        let (limit, offset) = (limit as i64, offset as i64);
        let mut args: Vec<&(dyn ::postgres::types::ToSql + Sync)> = phrases.iter().map(|p| p as &(dyn ::postgres::types::ToSql + Sync)).collect();
        args.push(&limit);
        args.push(&offset);
        Ok(self
            .rows("cannot search", &sql, &args)?
            .iter()
            .map(|r| TextHit { row: row_from(r), score: r.get(ROW_N), text: r.get(ROW_N + 1), carriers: r.get(ROW_N + 2) })
            .collect())
    }

    fn search_count(&self, terms: &[Vec<String>]) -> Result<usize> {
        let Some((phrases, query)) = ts_query(terms) else { return Ok(0) };
        let args: Vec<&(dyn ::postgres::types::ToSql + Sync)> = phrases.iter().map(|p| p as &(dyn ::postgres::types::ToSql + Sync)).collect();
        let r = self.one("cannot search", &format!("SELECT count(*) FROM text_search s WHERE s.keys @@ ({query})"), &args)?;
        Ok(r.get::<_, i64>(0) as usize)
    }

    fn search_article_ids(&self, terms: &[Vec<String>], limit: usize) -> Result<Vec<String>> {
        let Some((phrases, query)) = ts_query(terms) else { return Ok(Vec::new()) };
        let l = phrases.len() + 1;
        let sql = format!(
            "SELECT a.id FROM articles a WHERE a.text_id IN
               (SELECT s.text_id FROM text_search s WHERE s.keys @@ ({query})
                ORDER BY ts_rank('{{0.1, 0.1, 0.3333, 1.0}}', s.keys, ({query})) DESC, s.text_id LIMIT ${l})"
        );
        let limit = limit as i64;
        let mut args: Vec<&(dyn ::postgres::types::ToSql + Sync)> = phrases.iter().map(|p| p as &(dyn ::postgres::types::ToSql + Sync)).collect();
        args.push(&limit);
        Ok(self.rows("cannot search", &sql, &args)?.iter().map(|r| r.get(0)).collect())
    }

    fn stats(&self) -> Result<Stats> {
        let r = self.one(
            "cannot read the store",
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM texts), (SELECT count(*) FROM articles WHERE copy_of IS NOT NULL)",
            &[],
        )?;
        Ok(Stats { articles: r.get(0), texts: r.get(1), copies: r.get(2) })
    }

    fn article_facets(&self) -> Result<Vec<ArticleFacet>> {
        let rows = self.rows("cannot list articles", "SELECT id, source, language FROM articles ORDER BY seq", &[])?;
        Ok(rows.iter().map(|r| ArticleFacet { id: r.get(0), source: r.get(1), language: r.get(2) }).collect())
    }

    fn article_dates(&self, by_date: bool) -> Result<Vec<ArticleDate>> {
        let order = if by_date { "published IS NULL, published COLLATE \"C\", seq" } else { "seq" };
        let sql = format!("SELECT id, published, copy_of IS NOT NULL OR near_copy_of IS NOT NULL FROM articles ORDER BY {order}");
        let rows = self.rows("cannot list articles", &sql, &[])?;
        Ok(rows.iter().map(|r| ArticleDate { id: r.get(0), published: r.get(1), copy: r.get(2) }).collect())
    }

    fn undated_of(&self, ids: &[String]) -> Result<Vec<String>> {
        let found: Vec<(String, String)> = self
            .rows("cannot read articles", "SELECT id, published, published_from FROM articles WHERE id = ANY($1)", &[&ids])?
            .iter()
            .filter(|r| rules::datable(r.get::<_, Option<&str>>(1), r.get::<_, Option<&str>>(2)))
            .map(|r| (r.get(0), r.get(0)))
            .collect();
        Ok(super::in_order(ids, found))
    }
}

impl PgStore {
    /// Store a batch inside the open write transaction (see `put`): articles one by one (each
    /// looks at the ones before it), their layers in one insert per layer at the end.
    fn put_batch(&mut self, batch: &[(Article, Analysis)]) -> Result<Vec<PutOutcome>> {
        let what = "cannot store articles";
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut out = Vec::with_capacity(batch.len());
        let mut layers = LayerRows::default();
        for (a, an) in batch {
            if let Some(field) = nul_in(a) {
                out.push(PutOutcome::Refused { reason: format!("its {field} holds a NUL character, which PostgreSQL cannot store in text") });
                continue;
            }
            let hash = a.text_hash();
            let stored = self.opt(
                what,
                "SELECT t.hash, a.origin_path, a.origin_locator FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = $1",
                &[&a.id],
            )?;
            if let Some(r) = stored {
                let (stored_hash, p, l): (String, String, Option<String>) = (r.get(0), r.get(1), r.get(2));
                out.push(if stored_hash == hash {
                    PutOutcome::Unchanged
                } else {
                    PutOutcome::Conflict { stored_from: l.map_or(p.clone(), |l| format!("{p}: {l}")) }
                });
                continue;
            }
            let existing = self.opt(what, "SELECT id FROM texts WHERE hash = $1", &[&hash])?.map(|r| r.get::<_, i64>(0));
            let (text_id, copy_of) = match existing {
                Some(tid) => {
                    let of: String = self.one(what, "SELECT id FROM articles WHERE text_id = $1 ORDER BY seq LIMIT 1", &[&tid])?.get(0);
                    (tid, Some(of))
                }
                None => {
                    let chars = a.text.chars().count() as i64;
                    let tid: i64 = self.one(what, "INSERT INTO texts (hash, body, chars) VALUES ($1, $2, $3) RETURNING id", &[&hash, &a.text, &chars])?.get(0);
                    self.exec(
                        what,
                        "INSERT INTO text_search (text_id, keys) VALUES ($1,
                           setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B'))",
                        &[&tid, &bounded_keys(&an.search.title), &bounded_keys(&an.search.body)],
                    )?;
                    (tid, None)
                }
            };
            let (published, published_from, confidence) = rules::publication(a, an);
            let (hs, he) = a.header.map(|s| (s.start as i64, s.end as i64)).unzip();
            let dl = a.dateline.as_ref();
            let (ds, de) = dl.map(|d| (d.span.start as i64, d.span.end as i64)).unzip();
            let seq: i64 = self
                .one(
                    what,
                    "INSERT INTO articles (id, text_id, copy_of, title, byline, source, url, canonical_url, language,
                     language_detected, published, published_from, header_start, header_end, dateline_start,
                     dateline_end, dateline_place, dateline_agency, format, origin_path, origin_locator, ingested_at,
                     published_confidence, text_date, text_date_confidence)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
                     RETURNING seq",
                    &[
                        &a.id,
                        &text_id,
                        &copy_of,
                        &a.title,
                        &a.byline,
                        &a.source,
                        &a.url,
                        &a.canonical_url,
                        &an.language,
                        &an.language_detected,
                        &published.map(|d| d.to_string()),
                        &published_from,
                        &hs,
                        &he,
                        &ds,
                        &de,
                        &dl.map(|d| d.place.as_str()),
                        &dl.and_then(|d| d.agency.as_deref()),
                        &a.origin.format.as_str(),
                        &a.origin.path,
                        &a.origin.locator,
                        &now,
                        &confidence.map(f64::from),
                        &an.text_date.map(|(d, _)| d.to_string()),
                        &an.text_date.map(|(_, c)| f64::from(c)),
                    ],
                )?
                .get(0);
            layers.add(seq, &a.text, an).map_err(|x| StoreError(format!("{}: {what}: {x}", self.shown)))?;
            out.push(match copy_of {
                Some(of) => PutOutcome::Copy { of },
                None => PutOutcome::New,
            });
        }
        layers.write(self)?;
        Ok(out)
    }
}

/// The phrases of search terms (each a term's keys, adjacent and in order) and the tsquery that
/// requires them all, `$1`…`$n` standing for the phrases (phraseto_tsquery never fails on its
/// words); None when no term has a key.
fn ts_query(terms: &[Vec<String>]) -> Option<(Vec<String>, String)> {
    let phrases: Vec<String> = terms.iter().filter(|t| !t.is_empty()).map(|t| t.join(" ")).collect();
    let query = (1..=phrases.len()).map(|i| format!("phraseto_tsquery('simple', ${i})")).collect::<Vec<_>>().join(" && ");
    (!phrases.is_empty()).then_some((phrases, query))
}
