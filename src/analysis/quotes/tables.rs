//! The word tables (speech cues, titles, pronouns, first names by gender, …) and the
//! lower-casing and possessive helpers the stages look words up with.

use super::*;

pub(super) struct Tables {
    pub(super) cues: FxHashSet<&'static str>,
    pub(super) participles: FxHashSet<&'static str>,
    pub(super) skip: FxHashSet<&'static str>,
    pub(super) stop: FxHashSet<&'static str>,
    pub(super) titles: FxHashSet<&'static str>,
    pub(super) roles: FxHashSet<&'static str>,
    pub(super) orgw: FxHashSet<&'static str>,
    pub(super) male: FxHashSet<&'static str>,
    pub(super) female: FxHashSet<&'static str>,
    pub(super) notname: FxHashSet<&'static str>,
    /// Capitalised words that are never part of a person's name: words that open a sentence
    /// ("Behind Hayward, five screens …") and the abbreviated days and months of a dateline
    /// ("Wed Jun 9, 2010").
    pub(super) unnamed: FxHashSet<&'static str>,
    pub(super) abbr: FxHashSet<&'static str>,
    pub(super) platforms: FxHashSet<&'static str>,
}

pub(super) fn set(s: &'static str) -> FxHashSet<&'static str> {
    s.split_whitespace().collect()
}

pub(super) fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        cues: set("said says say told tells added adds wrote writes tweeted tweets posted stated states asked asks \
            explained explains noted notes argued argues insisted insists warned warns declared declares claimed claims \
            continued continues replied replies responded responds recalled recalls acknowledged acknowledges admitted admits \
            announced announces emphasized emphasised emphasizes emphasises stressed stresses suggested suggests described \
            describes called calls urged urges promised promises vowed vows predicted predicts complained complains conceded \
            concedes joked jokes quipped quips remarked observed countered counters concluded cautioned mused boasted boasts \
            lamented laments charged contended contends maintained maintains testified shouted yelled exclaimed echoed \
            reported reports read reads criticised criticized dismissed labeled labelled branded pledged assured confirmed \
            denied proclaimed recounted wondered repeated repeats reiterated reiterates accused blasted slammed praised texted \
            emailed commented opined retorted demanded advised answered hinted indicated signaled signalled mocked touted \
            explained thanked writes wrote predicted recalled cited affirmed reaffirmed asserted asserts alleged alleges \
            characterized characterised dubbed derided ridiculed bragged teased chided scoffed sniffed conceded predicted \
            agreed disagreed objected estimated believes believed thinks thought compared ruled typed recalled \
            offered interjected chanted chants remembered fumed pondered exhorted barked riffed scolded snapped vented \
            whispered marveled marvelled protested reasoned speculated accuses blamed quoted sang \
            написав написала заявив заявила сказав сказала додав додала зазначив зазначила наголосив наголосила \
            підкреслив підкреслила повідомив повідомила відповів відповіла написал заявил сказал добавил отметил \
            отметила подчеркнул подчеркнула сообщил сообщила ответил ответила dijo afirmó declaró señaló añadió \
            aseguró explicó escribió déclaré affirmé ajouté expliqué souligné estimé écrit detto dichiarato affermato \
            aggiunto spiegato sottolineato scritto sagte erklärte betonte schrieb disse afirmou declarou acrescentou \
            escreveu"),
        participles: set("saying adding telling writing noting stressing emphasizing emphasising insisting warning \
            arguing calling describing explaining declaring asking urging claiming tweeting promising vowing accusing \
            suggesting citing recalling referring posting stating lamenting complaining acknowledging admitting praising \
            criticizing criticising blasting slamming dismissing decrying predicting pledging announcing touting boasting \
            demanding cautioning conceding joking quipping thanking reiterating repeating mocking claiming announcing \
            comparing ruling remarking chanting"),
        skip: set("to began begun begin started tried has have had also repeatedly later then previously will would was is once again reportedly simply \
            just recently earlier further publicly privately quickly flatly firmly bluntly did does never often first \
            finally even already clearly only still too subsequently has been may might could should can must \
            frequently famously angrily openly explicitly directly specifically separately initially"),
        stop: set("that which who whom whose and but or if when while because as to in on at by with from for of about \
            than then there this these those is was were be been are not no so after before since until into over under \
            what how why where do does did has have had will would can could may might must should shall it its \
            being having yet though although whether also just even more most very such"),
        titles: set("president minister foreign prime chancellor secretary senator sen rep representative gov governor \
            mr mrs ms miss dr prof professor spokesman spokeswoman spokesperson chief general gen ambassador mayor judge \
            justice pope king queen prince princess vice deputy former sir lord lady dame sheikh emir cardinal rev reverend \
            attorney speaker leader chairman chairwoman chair director commissioner envoy adviser advisor aide officer \
            colonel col lt sgt capt captain admiral gov. candidate nominee hopeful mogul billionaire businessman \
            democrat republican democratic republican gop u.s us u.s. eu un nato uk u.k white house press state \
            defense defence interior finance trade economy top senior acting presidential federal national executive \
            ceo cfo founder co-founder host anchor columnist correspondent editor analyst strategist pollster \
            congressman congresswoman lawmaker sheriff commander"),
        roles: set("spokesman spokeswoman spokesperson minister president diplomat official officials leader chief \
            adviser advisor aide aides secretary senator candidate nominee governor ambassador envoy chancellor premier \
            mayor director chairman chairwoman head lawyer attorney businessman billionaire mogul congressman \
            congresswoman lawmaker general commander executive founder host anchor author writer analyst \
            strategist pollster spokespeople representative rep hopeful frontrunner front-runner politician \
            statesman negotiator manager"),
        orgw: set("palace house institute council party ministry department office agency committee post times news \
            journal network university union court senate congress bank fund group association foundation campaign \
            street center centre organization organisation company corp inc administration service guard force forces \
            army police commission board press media radio tv channel magazine review tribune herald report watch club \
            church school college hospital airlines agreement treaty security states nations kingdom republic federation \
            arabia emirates korea york angeles kong francisco jersey hampshire carolina dakota virginia zealand africa \
            america europe asia union east west north south island islands city county valley times bureau cnn fox \
            msnbc abc nbc cbs reuters twitter facebook instagram youtube google apple microsoft amazon institution \
            coalition alliance movement caucus project initiative summit conference convention forum sea ocean river \
            mountains lake park square avenue road hall tower center trust poll survey study act bill plan program \
            programme festival award awards prize day week month year"),
        male: set("donald vladimir volodymyr andrii andriy hakan dmitry john emmanuel keir friedrich marco mykhailo recep \
            josep steve keith bernie ted jeb barack mike chris ben joe paul tim rand mitt george bill rudy rudolph newt \
            lindsey scott rick marco jim james robert michael david richard charles thomas mark daniel matthew anthony \
            donald steven kevin brian jason jeff jeffrey gary ryan eric stephen larry frank justin brandon gregory \
            raymond jack dennis jerry tyler aaron henry peter adam nathan zachary kyle walter harold carl jeremy \
            sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan \
            wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny reince corey sean mitch harry \
            chuck rahm al ron reid lyndon ronald gerald jimmy dick elliott roger nigel boris xi benjamin bibi sergei \
            sergey viktor olaf pedro luiz javier nicolas tayyip mevlut ahmet abdullah mohammed muhammad mohammad ali \
            hassan kim vladimir alexei alexey oleg igor yuri andrei andrey denys dmytro oleksandr petro vitali vitaly \
            hunter beau eric don jared stephen kellogg antony lloyd jake jens mark rishi justin francois francois \
            emmanuel gavin ron greg pete elon kanye marco hugh colin martin evan ken karl kurt neil glenn grant"),
        female: set("hillary chelsea kaja nancy elizabeth carly kellyanne sarah melania ivanka michelle huma donna debbie \
            jill hope katrina kelly amy maria anna mary susan karen linda lisa jennifer jessica emily patricia barbara \
            margaret dorothy betty helen sandra ashley kimberly carol michelle laura deborah stephanie rebecca sharon \
            cynthia kathleen ruth anna shirley angela brenda pamela nicole samantha katherine christine emma catherine \
            virginia rachel janet heather diane julie joyce victoria olivia kelly christina lauren joan evelyn judith \
            megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice \
            madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana \
            brittany natalie isabella charlotte rose alexis kayla ursula angela theresa giorgia marine kamala condoleezza \
            madeleine nikki elise kirsten tammy dianne maxine tulsi alexandria ilhan rashida ayanna marsha sheila \
            jeanne katie meghan mika megyn greta jen kayleigh sanders' stormy omarosa hope betsy kirstjen loretta \
            sally janet susana gina valerie yulia olena iryna oksana tatiana natalia svetlana annalena liz theresa"),
        notname: set("the a an in on at for of and but or if when while this that these those it its he she they we i \
            you his her their our my your monday tuesday wednesday thursday friday saturday sunday january february \
            march april may june july august september october november december today yesterday tomorrow mr mrs ms \
            however meanwhile also after before since during last next earlier later then there here what who why how \
            where according some many most more all both each every no not so as by with from to into says said \
            time times past hours hour minutes days weeks months years even speaking asked after one two week day"),
        unnamed: set("behind beside besides beneath below above under underneath without despite among amid amidst \
            inside outside against near like unlike across through throughout beyond within upon toward towards \
            following including until unless once now therefore thus instead still indeed perhaps later earlier \
            tonight asked speaking mon tue tues wed thu thur thurs fri sat jan feb apr jun jul aug sep sept oct \
            nov dec"),
        abbr: set("mr mrs ms dr st jr sr gen gov sen rep lt col sgt capt prof rev inc corp co ltd vs no jan feb mar apr \
            jun jul aug sep sept oct nov dec u.s u.k u.n d.c e.g i.e etc mt ft fig"),
        platforms: set("x twitter facebook instagram telegram youtube tiktok truth social threads linkedin"),
    })
}

pub(super) fn lc(s: &str) -> String {
    s.to_lowercase()
}

/// `lc(s)`, borrowed when `s` is lower-case ASCII already.
#[inline]
pub(super) fn lc_cow(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 128) { Cow::Owned(lc(s)) } else { Cow::Borrowed(s) }
}

/// `s.trim_end_matches("'s").trim_end_matches("’s")` without the two-way searcher that
/// `trim_end_matches` with a `&str` pattern sets up per call (~10% of `find_quotes` under callgrind).
#[inline]
pub(super) fn trim_poss(mut s: &str) -> &str {
    while let Some(r) = s.strip_suffix("'s") {
        s = r;
    }
    while let Some(r) = s.strip_suffix("’s") {
        s = r;
    }
    s
}
