//! The search index in pieces, so that a phone downloads only what a query needs.
//!
//! Modelled on Pagefind's chunks. An index is:
//! - a **root**: the corpus statistics (documents, field lengths, topic totals), the lexicon, one
//!   small record per document (kind, topic, field lengths) and two tables naming the pieces;
//! - **term pieces**: the postings of a sorted range of terms (per field: document and term
//!   frequency; no positions, see `SearchEngine::score_clause`). Single Han characters sort after
//!   every bigram and word, so their long, rarely needed lists sit in pieces of their own;
//! - **document pieces**: the id, title and plain text (for snippets) of a range of documents.
//!
//! A large index (the statute library) changes three things, chosen at build time so that a
//! small index keeps exactly its bytes:
//! - **a second level for the term table**: when there are more term pieces than
//!   [`PieceSizes::root_terms`], the root lists **directory pieces** (first term, name), each
//!   listing up to [`PieceSizes::dir_entries`] term pieces; a lookup fetches the directory first;
//! - **compact documents** ([`Layout::compact_docs`]): no per-document record in the root.
//!   Documents are numbered topic by topic and the root keeps each topic's first document; each
//!   posting carries the document's field length as one byte ([`encode_norm`], as Lucene's
//!   field norms; a compact term piece stores each field's postings column by column: gaps,
//!   frequencies, norms), so scoring needs nothing per document from the root;
//! - an opaque JSON value ([`Layout::extra`]) for the reader above (the library's law table).
//!
//! A piece is named by a hash of its bytes ([`piece_name`]): the name is its cache key on the
//! phone and its check against damage. Nothing here does I/O: [`PieceIndex::missing`] says which
//! pieces a lookup needs, the caller fetches them however it can (the CLI has them all, the
//! worker fetches them) and hands them to [`PieceIndex::add_piece`]. The statute library uses the
//! same format at a hundred times the size.

use crate::lexicon::Lexicon;
use crate::model::{DocKind, FORMAT_VERSION};
use crate::text::{is_han, tokenize};
use crate::EngineError;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

const ROOT_MAGIC: &[u8; 4] = b"PLIR";
const TERMS_MAGIC: &[u8; 4] = b"PLIT";
const DOCS_MAGIC: &[u8; 4] = b"PLID";
const DIR_MAGIC: &[u8; 4] = b"PLIX";
const BUNDLE_MAGIC: &[u8; 4] = b"PLIB";

/// The indexed fields, in the order of every per-field array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title = 0,
    Body = 1,
    Keywords = 2,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Title, Field::Body, Field::Keywords];
}

/// One document as the builder hands it over.
#[derive(Debug, Clone)]
pub struct DocInput {
    pub id: String,
    pub kind: DocKind,
    pub topic: u16,
    pub title: String,
    pub body: String,
    pub keywords: String,
}

/// How big a piece may grow before the next one starts (raw bytes, before the server's brotli).
#[derive(Debug, Clone, Copy)]
pub struct PieceSizes {
    pub terms: usize,
    pub docs: usize,
    /// The most term pieces the root lists itself; above that, the root lists directory pieces.
    pub root_terms: usize,
    /// How many term pieces one directory piece lists.
    pub dir_entries: usize,
}

impl Default for PieceSizes {
    /// Measured with `pocketlaw sizes --queries` on the dev questions (median brotli bytes of a
    /// cold first query, 10 hits): term pieces of 6,000 / 3,000 / 2,000 / 1,500 bytes cost
    /// 56 / 33 / 24 / 19 KB of postings for about 20 requests; below 2,000 the requests grow
    /// faster than the bytes shrink. Document pieces of one document / 2,000 / 4,000 bytes cost
    /// 11 / 15 / 20 KB of texts for about 10 requests.
    fn default() -> Self {
        PieceSizes { terms: 4_000, docs: 6_000, root_terms: 1_024, dir_entries: 256 }
    }
}

/// How a large index is laid out (see the module documentation). The default is the small layout.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// No per-document records in the root: documents must come sorted by topic, the root keeps
    /// each topic's first document, and every posting carries a one-byte length norm.
    pub compact_docs: bool,
    /// Stored in the root as it is, for the reader above the index.
    pub extra: Option<serde_json::Value>,
}

/// Field lengths below this are stored exactly in a norm byte; above, in steps of 6 % (Lucene's
/// one-byte norms keep a similar precision).
const NORM_EXACT: u32 = 32;

/// The length each norm byte stands for: exact below [`NORM_EXACT`], then 6 % steps (integer
/// arithmetic, so every platform decodes the same), far beyond any article's length.
const NORM_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if (i as u32) < NORM_EXACT { i as u32 } else { t[i - 1] * 106 / 100 + 1 };
        i += 1;
    }
    t
};

/// A field length as one byte: the largest norm that does not exceed it.
pub fn encode_norm(len: u32) -> u8 {
    (NORM_TABLE.partition_point(|&l| l <= len) - 1) as u8
}

/// The length a norm byte stands for.
pub fn decode_norm(norm: u8) -> u32 {
    NORM_TABLE[usize::from(norm)]
}

/// What the builder writes: the root and the pieces, each piece with its name.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexFiles {
    pub root: Vec<u8>,
    pub pieces: Vec<(String, Vec<u8>)>,
}

impl IndexFiles {
    /// Everything in one file (`PLIB`), for the CLI and the tests: the root, then each piece.
    pub fn encode_bundle(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(BUNDLE_MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        put_bytes(&mut out, &self.root);
        put_varint(&mut out, self.pieces.len() as u64);
        for (name, bytes) in &self.pieces {
            put_bytes(&mut out, name.as_bytes());
            put_bytes(&mut out, bytes);
        }
        out
    }

    pub fn decode_bundle(bytes: &[u8]) -> Result<IndexFiles, EngineError> {
        let mut r = Reader::new(bytes, BUNDLE_MAGIC)?;
        let root = r.bytes()?.to_vec();
        let n = r.varint()? as usize;
        let mut pieces = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let name = r.string()?;
            pieces.push((name, r.bytes()?.to_vec()));
        }
        Ok(IndexFiles { root, pieces })
    }

    /// A piece's bytes, by name.
    pub fn piece(&self, name: &str) -> Option<&[u8]> {
        self.pieces.iter().find(|p| p.0 == name).map(|p| p.1.as_slice())
    }

    /// Total bytes of the pieces and the root.
    pub fn total_len(&self) -> usize {
        self.root.len() + self.pieces.iter().map(|p| p.1.len()).sum::<usize>()
    }
}

/// A piece's name: 16 hex digits of a 64-bit FNV-1a hash of its bytes. Not for adversaries, only
/// to catch a truncated or altered file.
pub fn piece_name(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Does this term sort among the single Han characters (the last pieces)?
fn is_unigram(term: &str) -> bool {
    let mut c = term.chars();
    matches!((c.next(), c.next()), (Some(ch), None) if is_han(ch))
}

/// The order of terms across pieces: bigrams and words first, then single characters.
fn sort_key(term: &str) -> (bool, &str) {
    (is_unigram(term), term)
}

/// The root's JSON header.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RootHeader {
    lexicon: Lexicon,
    topics: Vec<String>,
    /// Each topic's weighted count of the tokens the topic model uses (see `search::topics`).
    topic_tokens: Vec<u64>,
    /// Per field: the sum of all documents' lengths in tokens.
    total_tokens: [u64; 3],
    docs: u32,
    /// (first term, piece name), in term order.
    term_pieces: Vec<(String, String)>,
    /// (first document, piece name), in document order.
    doc_pieces: Vec<(u32, String)>,
    /// Two levels: (first term, directory piece name), in term order; `term_pieces` is empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    term_dirs: Vec<(String, String)>,
    /// Compact documents: each topic's first document (no per-document records follow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    topic_starts: Option<Vec<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extra: Option<serde_json::Value>,
}

/// One document's record in the root.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocMeta {
    pub kind: DocKind,
    pub topic: u16,
    /// Length in tokens of each field ([`Field`] order); zeros in a compact index, whose
    /// postings carry the lengths ([`TermPostings::norms`]).
    pub len: [u32; 3],
}

/// One posting: a document and how often the term occurs in the field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posting {
    pub doc: u32,
    pub tf: u32,
}

/// A term's postings in each field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermPostings {
    pub fields: [Vec<Posting>; 3],
    /// In a compact index, each posting's field length as a norm byte ([`decode_norm`]),
    /// parallel to `fields`; empty otherwise.
    pub norms: [Vec<u8>; 3],
}

/// The stored text of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocText {
    pub id: String,
    pub title: String,
    pub body: String,
}

/// Which piece a lookup needs: a term piece (directory, number in it; directory 0 is the root's
/// own table), a document piece or a directory piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum PieceRef {
    Terms(usize, usize),
    Docs(usize),
    Dir(usize),
}

/// An index being read: the root, and whichever pieces have been added so far.
#[derive(Debug, Clone)]
pub struct PieceIndex {
    header: RootHeader,
    docs: Vec<DocMeta>,
    by_name: HashMap<String, PieceRef>,
    loaded: HashSet<PieceRef>,
    /// The term tables of the directory pieces added so far.
    dirs: HashMap<usize, Vec<(String, String)>>,
    terms: HashMap<String, TermPostings>,
    texts: HashMap<u32, DocText>,
}

impl PieceIndex {
    /// Opens a root. Fails on a damaged root or another format version.
    pub fn open(root: &[u8]) -> Result<PieceIndex, EngineError> {
        let mut r = Reader::new(root, ROOT_MAGIC)?;
        let header: RootHeader = serde_json::from_slice(r.bytes()?)?;
        let n = header.docs as usize;
        let records = if header.topic_starts.is_some() { 0 } else { n };
        if let Some(starts) = &header.topic_starts {
            if starts.len() != header.topics.len()
                || starts.windows(2).any(|w| w[0] > w[1])
                || starts.last().is_some_and(|&s| s > header.docs)
            {
                return Err(corrupt("the topics' first documents are out of order"));
            }
        }
        let mut docs = Vec::with_capacity(records.min(1 << 20));
        for _ in 0..records {
            let kind = match r.byte()? {
                0 => DocKind::Guide,
                1 => DocKind::Faq,
                2 => DocKind::Quiz,
                k => return Err(corrupt(format!("unknown document kind {k}"))),
            };
            let topic = u16::try_from(r.varint()?).map_err(|_| corrupt("topic number out of range"))?;
            let mut len = [0u32; 3];
            for l in &mut len {
                *l = u32::try_from(r.varint()?).map_err(|_| corrupt("field length out of range"))?;
            }
            if usize::from(topic) >= header.topics.len() && !header.topics.is_empty() {
                return Err(corrupt(format!("document has topic {topic} of {}", header.topics.len())));
            }
            docs.push(DocMeta { kind, topic, len });
        }
        if header.topic_tokens.len() != header.topics.len() {
            return Err(corrupt("the topic totals do not match the topics"));
        }
        let mut by_name = HashMap::new();
        for (i, (_, name)) in header.term_pieces.iter().enumerate() {
            by_name.insert(name.clone(), PieceRef::Terms(0, i));
        }
        for (i, (_, name)) in header.doc_pieces.iter().enumerate() {
            by_name.insert(name.clone(), PieceRef::Docs(i));
        }
        for (i, (_, name)) in header.term_dirs.iter().enumerate() {
            by_name.insert(name.clone(), PieceRef::Dir(i));
        }
        Ok(PieceIndex { header, docs, by_name, loaded: HashSet::new(), dirs: HashMap::new(), terms: HashMap::new(), texts: HashMap::new() })
    }

    /// Opens a one-file bundle ([`IndexFiles::encode_bundle`]) with every piece added.
    pub fn open_bundle(bytes: &[u8]) -> Result<PieceIndex, EngineError> {
        let files = IndexFiles::decode_bundle(bytes)?;
        PieceIndex::open_files(&files)
    }

    /// Opens an index with every piece added (directory pieces first, so that the term pieces
    /// they list are known).
    pub fn open_files(files: &IndexFiles) -> Result<PieceIndex, EngineError> {
        let mut index = PieceIndex::open(&files.root)?;
        let dirs: Vec<String> = index.header.term_dirs.iter().map(|d| d.1.clone()).collect();
        for name in &dirs {
            let bytes = files.piece(name).ok_or_else(|| corrupt(format!("directory piece {name} is missing")))?;
            index.add_piece(name, bytes)?;
        }
        for (name, bytes) in &files.pieces {
            index.add_piece(name, bytes)?;
        }
        Ok(index)
    }

    /// Adds a fetched piece. Its bytes must hash to its name and decode; otherwise nothing is
    /// added and the error says why (the caller drops its cached copy and fetches it again).
    pub fn add_piece(&mut self, name: &str, bytes: &[u8]) -> Result<(), EngineError> {
        let Some(&which) = self.by_name.get(name) else {
            return Err(corrupt(format!("piece {name} is not part of this index")));
        };
        if piece_name(bytes) != name {
            return Err(corrupt(format!("piece {name} is damaged (its bytes do not match its name)")));
        }
        if self.loaded.contains(&which) {
            return Ok(());
        }
        match which {
            PieceRef::Terms(..) => {
                let terms = decode_terms(bytes, self.header.docs as usize, self.compact())?;
                self.terms.extend(terms);
            }
            PieceRef::Dir(d) => {
                let list = decode_dir(bytes).map_err(|e| corrupt(format!("directory piece {name}: {e}")))?;
                if list.first().map(|f| &f.0) != self.header.term_dirs.get(d).map(|f| &f.0) {
                    return Err(corrupt(format!("directory piece {name} does not start where the root says")));
                }
                for (i, (_, piece)) in list.iter().enumerate() {
                    self.by_name.insert(piece.clone(), PieceRef::Terms(d, i));
                }
                self.dirs.insert(d, list);
            }
            PieceRef::Docs(_) => {
                let texts = decode_docs(bytes)?;
                if texts.keys().any(|&d| d >= self.header.docs) {
                    return Err(corrupt(format!("piece {name} names a document this index does not have")));
                }
                self.texts.extend(texts);
            }
        }
        self.loaded.insert(which);
        Ok(())
    }

    /// Is this a compact index (no per-document records; length norms in the postings)?
    pub fn compact(&self) -> bool {
        self.header.topic_starts.is_some()
    }

    /// The piece a term's postings are in, or the directory piece that must come first.
    fn term_piece(&self, term: &str) -> Option<(PieceRef, &String)> {
        let key = sort_key(term);
        let find = |table: &[(String, String)]| table.partition_point(|(first, _)| sort_key(first) <= key).checked_sub(1);
        if self.header.term_dirs.is_empty() {
            let i = find(&self.header.term_pieces)?;
            return Some((PieceRef::Terms(0, i), &self.header.term_pieces[i].1));
        }
        let d = find(&self.header.term_dirs)?;
        match self.dirs.get(&d) {
            None => Some((PieceRef::Dir(d), &self.header.term_dirs[d].1)),
            Some(list) => {
                let i = find(list)?;
                Some((PieceRef::Terms(d, i), &list[i].1))
            }
        }
    }

    fn doc_piece(&self, doc: u32) -> Option<usize> {
        self.header.doc_pieces.partition_point(|(first, _)| *first <= doc).checked_sub(1)
    }

    /// The names of the pieces not yet added that hold these terms and these documents' texts.
    pub fn missing<'a>(&self, terms: impl IntoIterator<Item = &'a str>, docs: impl IntoIterator<Item = u32>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut push = |r: PieceRef, name: &String| {
            if !self.loaded.contains(&r) && !out.contains(name) {
                out.push(name.clone());
            }
        };
        for t in terms {
            if let Some((r, name)) = self.term_piece(t) {
                push(r, name);
            }
        }
        for d in docs {
            if let Some(i) = self.doc_piece(d) {
                push(PieceRef::Docs(i), &self.header.doc_pieces[i].1);
            }
        }
        out
    }

    /// A term's postings, if its piece is loaded and the term occurs at all.
    pub fn postings(&self, term: &str) -> Option<&TermPostings> {
        self.terms.get(term)
    }

    pub fn text(&self, doc: u32) -> Option<&DocText> {
        self.texts.get(&doc)
    }

    pub fn num_docs(&self) -> usize {
        self.header.docs as usize
    }

    /// A document's record: from the root, or in a compact index its topic (by the topics' first
    /// documents) with the kind `Guide` and no lengths.
    pub fn doc(&self, doc: u32) -> Option<DocMeta> {
        match &self.header.topic_starts {
            None => self.docs.get(doc as usize).copied(),
            Some(_) if doc >= self.header.docs => None,
            Some(starts) => {
                let topic = starts.partition_point(|&s| s <= doc).checked_sub(1)?;
                Some(DocMeta { kind: DocKind::Guide, topic: u16::try_from(topic).ok()?, len: [0; 3] })
            }
        }
    }

    /// The documents of a topic (a compact index numbers them topic by topic): first..end.
    pub fn topic_docs(&self, topic: usize) -> Option<std::ops::Range<u32>> {
        let starts = self.header.topic_starts.as_ref()?;
        let first = *starts.get(topic)?;
        let end = starts.get(topic + 1).copied().unwrap_or(self.header.docs);
        Some(first..end)
    }

    /// The length of `field` in the document of the `i`th posting of `tp`: its norm in a compact
    /// index, else the root's exact record.
    pub fn field_len(&self, tp: &TermPostings, field: Field, i: usize) -> u32 {
        let f = field as usize;
        match tp.norms[f].get(i) {
            Some(&n) => decode_norm(n),
            None => tp.fields[f].get(i).and_then(|p| self.docs.get(p.doc as usize)).map_or(0, |m| m.len[f]),
        }
    }

    /// The average length of a field, in tokens.
    pub fn avg_len(&self, field: Field) -> f32 {
        self.header.total_tokens[field as usize] as f32 / (self.header.docs as usize).max(1) as f32
    }

    /// The reader's own data stored with the index ([`Layout::extra`]).
    pub fn extra(&self) -> Option<&serde_json::Value> {
        self.header.extra.as_ref()
    }

    /// The number of directory pieces (0 for a one-level term table).
    pub fn dir_count(&self) -> usize {
        self.header.term_dirs.len()
    }

    /// The directory pieces not yet added, in term order: a reader that expects more queries
    /// fetches them ahead (in the background), so that a later lookup needs one round less.
    pub fn missing_dirs(&self) -> Vec<String> {
        (0..self.header.term_dirs.len())
            .filter(|&d| !self.loaded.contains(&PieceRef::Dir(d)))
            .map(|d| self.header.term_dirs[d].1.clone())
            .collect()
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.header.lexicon
    }

    pub fn topics(&self) -> &[String] {
        &self.header.topics
    }

    pub fn topic_tokens(&self) -> &[u64] {
        &self.header.topic_tokens
    }

    /// (term pieces, document pieces); term pieces listed in directories are not counted.
    pub fn piece_counts(&self) -> (usize, usize) {
        (self.header.term_pieces.len(), self.header.doc_pieces.len())
    }
}

/// Builds an index. `topics` are the topic slugs (a document's `topic` is a number into them);
/// `topic_weights` are the topic model's per-field weights ([`Field`] order) and `counts` says
/// which terms the topic model uses.
pub fn build(
    docs: &[DocInput],
    lexicon: &Lexicon,
    topics: &[String],
    topic_weights: [f64; 3],
    counts: impl Fn(&str) -> bool,
    sizes: PieceSizes,
) -> Result<IndexFiles, EngineError> {
    build_with(docs, lexicon, topics, topic_weights, counts, sizes, Layout::default())
}

/// [`build`] with a layout for a large index ([`Layout`]).
pub fn build_with(
    docs: &[DocInput],
    lexicon: &Lexicon,
    topics: &[String],
    topic_weights: [f64; 3],
    counts: impl Fn(&str) -> bool,
    sizes: PieceSizes,
    layout: Layout,
) -> Result<IndexFiles, EngineError> {
    let n = u32::try_from(docs.len()).map_err(|_| corrupt("too many documents"))?;
    let compact = layout.compact_docs;
    let mut postings: BTreeMap<(bool, String), TermPostings> = BTreeMap::new();
    let mut metas = Vec::with_capacity(docs.len());
    let mut total_tokens = [0u64; 3];
    let mut topic_totals = vec![0.0f64; topics.len()];
    let mut topic_starts: Vec<u32> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let d = d as u32;
        if usize::from(doc.topic) >= topics.len() {
            return Err(corrupt(format!("document `{}` has topic {} of {}", doc.id, doc.topic, topics.len())));
        }
        if compact {
            if usize::from(doc.topic) + 1 < topic_starts.len() {
                return Err(corrupt(format!("document `{}`: a compact index needs its documents sorted by topic", doc.id)));
            }
            while topic_starts.len() <= usize::from(doc.topic) {
                topic_starts.push(d);
            }
        }
        let mut len = [0u32; 3];
        for field in Field::ALL {
            let text = match field {
                Field::Title => &doc.title,
                Field::Body => &doc.body,
                Field::Keywords => &doc.keywords,
            };
            let tokens = tokenize(text);
            len[field as usize] = tokens.len() as u32;
            total_tokens[field as usize] += tokens.len() as u64;
            let norm = encode_norm(tokens.len() as u32);
            let mut here: BTreeMap<&str, u32> = BTreeMap::new();
            for t in &tokens {
                *here.entry(t.text.as_str()).or_default() += 1;
                if counts(&t.text) {
                    topic_totals[usize::from(doc.topic)] += topic_weights[field as usize];
                }
            }
            for (term, tf) in here {
                let entry = postings.entry((is_unigram(term), term.to_string())).or_default();
                entry.fields[field as usize].push(Posting { doc: d, tf });
                if compact {
                    entry.norms[field as usize].push(norm);
                }
            }
        }
        metas.push(DocMeta { kind: doc.kind, topic: doc.topic, len });
    }
    while compact && topic_starts.len() < topics.len() {
        topic_starts.push(n);
    }

    let mut pieces: Vec<(String, Vec<u8>)> = Vec::new();
    // Term pieces: cut when a piece is full; single characters start pieces of their own.
    let mut term_pieces = Vec::new();
    let mut cur: Vec<u8> = Vec::new();
    let mut cur_first: Option<&str> = None;
    let mut cur_count = 0u64;
    let mut last_unigram = false;
    for ((unigram, term), tp) in &postings {
        if cur.len() >= sizes.terms || *unigram != last_unigram {
            if let Some(first) = cur_first.take() {
                let (name, bytes) = seal(TERMS_MAGIC, &[cur_count], &cur);
                term_pieces.push((first.to_string(), name.clone()));
                pieces.push((name, bytes));
                cur.clear();
                cur_count = 0;
            }
        }
        last_unigram = *unigram;
        cur_first.get_or_insert(term.as_str());
        encode_term(&mut cur, term, tp, compact);
        cur_count += 1;
    }
    if let Some(first) = cur_first {
        let (name, bytes) = seal(TERMS_MAGIC, &[cur_count], &cur);
        term_pieces.push((first.to_string(), name.clone()));
        pieces.push((name, bytes));
    }

    // A second level when the root's term table would be long: directory pieces of consecutive
    // term pieces.
    let mut term_dirs = Vec::new();
    if term_pieces.len() > sizes.root_terms {
        for chunk in term_pieces.chunks(sizes.dir_entries.max(1)) {
            let (name, bytes) = seal_dir(chunk);
            term_dirs.push((chunk[0].0.clone(), name.clone()));
            pieces.push((name, bytes));
        }
        term_pieces.clear();
    }

    // Document pieces: consecutive documents until a piece is full.
    let mut doc_pieces = Vec::new();
    let mut start = 0usize;
    while start < docs.len() {
        let mut body = Vec::new();
        let mut end = start;
        while end < docs.len() && (end == start || body.len() < sizes.docs) {
            let doc = &docs[end];
            put_bytes(&mut body, doc.id.as_bytes());
            put_bytes(&mut body, doc.title.as_bytes());
            put_bytes(&mut body, doc.body.as_bytes());
            end += 1;
        }
        let (name, bytes) = seal(DOCS_MAGIC, &[start as u64, (end - start) as u64], &body);
        doc_pieces.push((start as u32, name.clone()));
        pieces.push((name, bytes));
        start = end;
    }

    let header = RootHeader {
        lexicon: lexicon.clone(),
        topics: topics.to_vec(),
        topic_tokens: topic_totals.into_iter().map(|x| x.round() as u64).collect(),
        total_tokens,
        docs: n,
        term_pieces,
        doc_pieces,
        term_dirs,
        topic_starts: compact.then_some(topic_starts),
        extra: layout.extra,
    };
    let mut root = Vec::new();
    root.extend_from_slice(ROOT_MAGIC);
    root.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    put_bytes(&mut root, &serde_json::to_vec(&header)?);
    if !compact {
        for m in &metas {
            root.push(match m.kind {
                DocKind::Guide => 0,
                DocKind::Faq => 1,
                DocKind::Quiz => 2,
            });
            put_varint(&mut root, u64::from(m.topic));
            for l in m.len {
                put_varint(&mut root, u64::from(l));
            }
        }
    }
    Ok(IndexFiles { root, pieces })
}

/// A directory piece: (first term, term piece name) for consecutive term pieces.
fn seal_dir(entries: &[(String, String)]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (first, name) in entries {
        put_bytes(&mut body, first.as_bytes());
        put_bytes(&mut body, name.as_bytes());
    }
    seal(DIR_MAGIC, &[entries.len() as u64], &body)
}

fn decode_dir(bytes: &[u8]) -> Result<Vec<(String, String)>, EngineError> {
    let mut r = Reader::new(bytes, DIR_MAGIC)?;
    let n = r.varint()? as usize;
    let mut out: Vec<(String, String)> = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let first = r.string()?;
        let name = r.string()?;
        if name.len() != 16 || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(corrupt("a piece name is not 16 hex digits"));
        }
        if out.last().is_some_and(|(prev, _)| sort_key(prev) >= sort_key(&first)) {
            return Err(corrupt("the terms are out of order"));
        }
        out.push((first, name));
    }
    if out.is_empty() {
        return Err(corrupt("no term pieces"));
    }
    Ok(out)
}

/// A piece's bytes (magic, format version, a few numbers, the body) and its name.
fn seal(magic: &[u8; 4], head: &[u64], body: &[u8]) -> (String, Vec<u8>) {
    let mut bytes = Vec::with_capacity(body.len() + 24);
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    for &h in head {
        put_varint(&mut bytes, h);
    }
    bytes.extend_from_slice(body);
    (piece_name(&bytes), bytes)
}

/// A term's postings: per field, the count, then (document gap, frequency) pairs; in a compact
/// index column by column instead (the gaps, then the frequencies, then the norms), which
/// compresses better.
fn encode_term(out: &mut Vec<u8>, term: &str, tp: &TermPostings, norms: bool) {
    put_bytes(out, term.as_bytes());
    for (f, list) in tp.fields.iter().enumerate() {
        put_varint(out, list.len() as u64);
        let mut prev = 0u32;
        if norms {
            for p in list {
                put_varint(out, u64::from(p.doc - prev));
                prev = p.doc;
            }
            for p in list {
                put_varint(out, u64::from(p.tf));
            }
            out.extend((0..list.len()).map(|i| tp.norms[f].get(i).copied().unwrap_or(0)));
            continue;
        }
        for p in list {
            put_varint(out, u64::from(p.doc - prev));
            prev = p.doc;
            put_varint(out, u64::from(p.tf));
        }
    }
}

fn decode_terms(bytes: &[u8], docs: usize, norms: bool) -> Result<HashMap<String, TermPostings>, EngineError> {
    let mut r = Reader::new(bytes, TERMS_MAGIC)?;
    let n = r.varint()? as usize;
    let mut out = HashMap::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let term = r.string()?;
        let mut tp = TermPostings::default();
        for (list, norm_list) in tp.fields.iter_mut().zip(tp.norms.iter_mut()) {
            let len = r.varint()? as usize;
            if len > docs {
                return Err(corrupt("a postings list is longer than the index"));
            }
            let mut doc = 0u64;
            let tf = |r: &mut Reader| u32::try_from(r.varint()?).map_err(|_| corrupt("term frequency out of range"));
            for _ in 0..len {
                // Saturating, then checked against the count: damaged bytes can hold any gap.
                doc = doc.saturating_add(r.varint()?);
                if doc as usize >= docs {
                    return Err(corrupt("a posting is out of range"));
                }
                let tf = if norms { 0 } else { tf(&mut r)? };
                list.push(Posting { doc: doc as u32, tf });
            }
            if norms {
                for p in list.iter_mut() {
                    p.tf = tf(&mut r)?;
                }
                for _ in 0..len {
                    norm_list.push(r.byte()?);
                }
            }
        }
        out.insert(term, tp);
    }
    Ok(out)
}

fn decode_docs(bytes: &[u8]) -> Result<HashMap<u32, DocText>, EngineError> {
    let mut r = Reader::new(bytes, DOCS_MAGIC)?;
    let first = u32::try_from(r.varint()?).map_err(|_| corrupt("document number out of range"))?;
    let n = r.varint()? as u32;
    let mut out = HashMap::new();
    for i in 0..n {
        let id = r.string()?;
        let title = r.string()?;
        let body = r.string()?;
        out.insert(first.checked_add(i).ok_or_else(|| corrupt("document number out of range"))?, DocText { id, title, body });
    }
    Ok(out)
}

fn corrupt(m: impl Into<String>) -> EngineError {
    EngineError::Corrupt(m.into())
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

/// A bounds-checked reader: every read of damaged bytes is an error, never a panic.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], magic: &[u8; 4]) -> Result<Reader<'a>, EngineError> {
        if bytes.len() < 8 || &bytes[..4] != magic {
            return Err(corrupt(format!("not a {} file", String::from_utf8_lossy(magic))));
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&bytes[4..8]);
        let version = u32::from_le_bytes(v);
        if version != FORMAT_VERSION {
            return Err(EngineError::FormatVersion { expected: FORMAT_VERSION, found: version });
        }
        Ok(Reader { bytes, at: 8 })
    }

    fn byte(&mut self) -> Result<u8, EngineError> {
        let b = *self.bytes.get(self.at).ok_or_else(|| corrupt("truncated"))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, EngineError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(corrupt("a number is too long"))
    }

    fn bytes(&mut self) -> Result<&'a [u8], EngineError> {
        let len = usize::try_from(self.varint()?).map_err(|_| corrupt("length out of range"))?;
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len()).ok_or_else(|| corrupt("truncated"))?;
        let b = &self.bytes[self.at..end];
        self.at = end;
        Ok(b)
    }

    fn string(&mut self) -> Result<String, EngineError> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| corrupt("text is not UTF-8"))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Thirty small documents in two topics (also the worker's tests' index).
    pub(crate) fn docs() -> Vec<DocInput> {
        (0..30)
            .map(|i| DocInput {
                id: format!("doc-{i}"),
                kind: if i % 3 == 0 { DocKind::Guide } else { DocKind::Faq },
                topic: (i % 2) as u16,
                title: if i % 2 == 0 { "老板不给工钱".into() } else { "离婚怎么分财产".into() },
                body: format!("第{i}条。拖欠工资可以申请劳动仲裁。{}", "说明".repeat(i)),
                keywords: "欠薪 讨薪".into(),
            })
            .collect()
    }

    fn topics() -> Vec<String> {
        vec!["labour".into(), "family".into()]
    }

    fn small() -> IndexFiles {
        build(
            &docs(),
            &Lexicon::default(),
            &topics(),
            [3.0, 1.0, 2.0],
            |_| true,
            PieceSizes { terms: 200, docs: 300, ..PieceSizes::default() },
        )
        .unwrap()
    }

    #[test]
    fn the_same_documents_give_the_same_bytes() {
        assert_eq!(small(), small());
        assert!(small().pieces.len() > 4, "small pieces split");
    }

    #[test]
    fn lookups_name_exactly_the_pieces_they_need() {
        let files = small();
        let mut index = PieceIndex::open(&files.root).unwrap();
        assert!(index.postings("工钱").is_none());
        let need = index.missing(["工钱"], []);
        assert_eq!(need.len(), 1);
        index.add_piece(&need[0], files.piece(&need[0]).unwrap()).unwrap();
        assert!(index.missing(["工钱"], []).is_empty());
        let tp = index.postings("工钱").unwrap();
        assert_eq!(tp.fields[Field::Title as usize].len(), 15, "every even document's title");
        assert_eq!(tp.fields[Field::Title as usize][1], Posting { doc: 2, tf: 1 });
        // Documents: the text comes from a document piece.
        let need = index.missing([], [7]);
        index.add_piece(&need[0], files.piece(&need[0]).unwrap()).unwrap();
        assert_eq!(index.text(7).unwrap().id, "doc-7");
        assert_eq!(index.doc(7).unwrap().topic, 1);
    }

    #[test]
    fn single_characters_sit_after_the_bigrams() {
        let files = small();
        let index = PieceIndex::open(&files.root).unwrap();
        let a = index.missing(["工"], []);
        let b = index.missing(["工钱"], []);
        assert_ne!(a, b);
        let mut all = PieceIndex::open_bundle(&files.encode_bundle()).unwrap();
        assert_eq!(all.postings("工").unwrap().fields[0].len(), 15);
        assert!(all.missing(["工", "离婚"], [0, 29]).is_empty());
        // Adding a piece twice is harmless.
        let (name, bytes) = &files.pieces[0];
        all.add_piece(name, bytes).unwrap();
    }

    #[test]
    fn damaged_pieces_are_refused_and_nothing_is_added() {
        let files = small();
        let mut index = PieceIndex::open(&files.root).unwrap();
        let (name, bytes) = &files.pieces[0];
        let mut bad = bytes.clone();
        bad.truncate(bad.len() / 2);
        assert!(index.add_piece(name, &bad).is_err());
        assert!(index.loaded.is_empty() && index.terms.is_empty(), "nothing of a damaged piece is kept");
        assert!(index.add_piece("0000000000000000", bytes).is_err(), "an unknown name");
        index.add_piece(name, bytes).unwrap();
        // A damaged root or bundle is an error, never a panic.
        for cut in [0, 3, 8, 12, files.root.len() / 2] {
            assert!(PieceIndex::open(&files.root[..cut]).is_err());
        }
        let bundle = files.encode_bundle();
        for cut in (0..bundle.len()).step_by(97) {
            assert!(PieceIndex::open_bundle(&bundle[..cut]).is_err());
        }
    }

    fn two_levels() -> IndexFiles {
        let sizes = PieceSizes { terms: 200, docs: 300, root_terms: 2, dir_entries: 3 };
        build(&docs(), &Lexicon::default(), &topics(), [3.0, 1.0, 2.0], |_| true, sizes).unwrap()
    }

    #[test]
    fn norms_round_trip_within_six_percent() {
        for len in [0u32, 1, 7, 31, 32, 33, 47, 100, 1_000, 5_000, 20_000, 100_000] {
            let back = decode_norm(encode_norm(len));
            assert!(back <= len && (len - back) as f32 <= len as f32 * 0.06 + 0.5, "{len} → {back}");
        }
        assert_eq!(decode_norm(encode_norm(u32::MAX)), NORM_TABLE[255]);
        assert!(NORM_TABLE.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn two_levels_answer_exactly_as_one() {
        use crate::model::SearchRequest;
        use crate::search::SearchEngine;
        let (one, two) = (small(), two_levels());
        assert!(PieceIndex::open(&two.root).unwrap().dir_count() > 1, "forced into directories");
        assert_eq!(PieceIndex::open(&one.root).unwrap().dir_count(), 0);
        // The term pieces are the same bytes; only their table moved.
        let names = |f: &IndexFiles| f.pieces.iter().filter(|p| p.1.starts_with(TERMS_MAGIC)).map(|p| p.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&one), names(&two));
        let whole = SearchEngine::from_bundle_bytes(&one.encode_bundle()).unwrap();
        for q in ["工钱", "老板不给工钱", "离婚 财产", "劳动仲裁", "说明", "工"] {
            let req = SearchRequest { query: q.into(), kind: None, limit: 10 };
            let mut parts = SearchEngine::open(&two.root).unwrap();
            let mut rounds = 0;
            let got = parts
                .answer_fetching(&req, |round, name| {
                    rounds = rounds.max(round + 1);
                    two.piece(name)
                })
                .unwrap();
            let want = whole.answer(&req);
            assert_eq!(got.hits.len(), want.hits.len(), "{q}");
            for (a, b) in got.hits.iter().zip(&want.hits) {
                assert_eq!(a.id, b.id, "{q}");
                assert!((a.score - b.score).abs() < 1e-4, "{q}: {} vs {}", a.score, b.score);
            }
            assert_eq!(rounds, 3, "{q}: directories, postings, texts");
            assert_eq!(SearchEngine::from_bundle_bytes(&two.encode_bundle()).unwrap().answer(&req), want);
        }
    }

    #[test]
    fn directories_fetched_ahead_save_a_round() {
        let two = two_levels();
        let mut index = PieceIndex::open(&two.root).unwrap();
        let dirs = index.missing_dirs();
        assert_eq!(dirs.len(), index.dir_count());
        for name in &dirs {
            index.add_piece(name, two.piece(name).unwrap()).unwrap();
        }
        assert!(index.missing_dirs().is_empty());
        // Every term's piece is now known: a lookup needs term pieces, no directory.
        let need = index.missing(["工钱", "离婚", "工"], []);
        assert!(!need.is_empty() && need.iter().all(|n| !dirs.contains(n)), "{need:?}");
    }

    #[test]
    fn a_damaged_directory_is_refused_by_name() {
        let files = two_levels();
        let mut index = PieceIndex::open(&files.root).unwrap();
        let need = index.missing(["工钱"], []);
        assert_eq!(need.len(), 1);
        let dir = &need[0];
        let bytes = files.piece(dir).unwrap();
        assert!(bytes.starts_with(DIR_MAGIC));
        let mut bad = bytes.to_vec();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        let err = index.add_piece(dir, &bad).unwrap_err().to_string();
        assert!(err.contains(dir.as_str()), "{err}");
        assert!(index.dirs.is_empty() && index.loaded.is_empty(), "nothing of a damaged directory is kept");
        assert_eq!(index.missing(["工钱"], []), need, "still asks for the directory");
        // Intact bytes that lie about their place are refused too.
        let other = files.pieces.iter().find(|p| p.1.starts_with(DIR_MAGIC) && &p.0 != dir).unwrap();
        index.dirs.clear();
        let wrong = index.by_name[dir.as_str()];
        index.by_name.insert(other.0.clone(), wrong);
        assert!(index.add_piece(&other.0, &other.1).unwrap_err().to_string().contains(other.0.as_str()));
        // Then the real directory names the term piece.
        let mut index = PieceIndex::open(&files.root).unwrap();
        index.add_piece(dir, bytes).unwrap();
        let terms = index.missing(["工钱"], []);
        assert_ne!(&terms, &need);
        index.add_piece(&terms[0], files.piece(&terms[0]).unwrap()).unwrap();
        assert_eq!(index.postings("工钱").unwrap().fields[0].len(), 15);
    }

    #[test]
    fn a_compact_index_keeps_no_records_and_scores_from_norms() {
        use crate::model::SearchRequest;
        use crate::search::SearchEngine;
        let mut sorted = docs();
        sorted.sort_by_key(|d| d.topic);
        let sizes = PieceSizes { terms: 200, docs: 300, root_terms: 2, dir_entries: 3 };
        let plain = build(&sorted, &Lexicon::default(), &topics(), [3.0, 1.0, 2.0], |_| true, sizes).unwrap();
        let layout = Layout { compact_docs: true, extra: Some(serde_json::json!({"laws": 2})) };
        let compact = build_with(&sorted, &Lexicon::default(), &topics(), [3.0, 1.0, 2.0], |_| true, sizes, layout).unwrap();
        let index = PieceIndex::open(&compact.root).unwrap();
        assert!(index.compact() && index.docs.is_empty());
        assert_eq!(index.extra().unwrap()["laws"], 2);
        assert_eq!(index.topic_docs(0), Some(0..15));
        assert_eq!(index.topic_docs(1), Some(15..30));
        assert_eq!(index.doc(20).unwrap().topic, 1);
        assert!(index.doc(30).is_none());
        // Titles are shorter than the exact norms: the same scores. Bodies reach past them:
        // within a few per cent.
        let a = SearchEngine::from_bundle_bytes(&plain.encode_bundle()).unwrap();
        let b = SearchEngine::from_bundle_bytes(&compact.encode_bundle()).unwrap();
        for q in ["工钱", "离婚财产", "说明"] {
            let req = SearchRequest { query: q.into(), kind: None, limit: 30 };
            let score = |e: &SearchEngine| -> BTreeMap<String, f32> { e.answer(&req).hits.into_iter().map(|h| (h.id, h.score)).collect() };
            let (x, y) = (score(&a), score(&b));
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>(), "{q}");
            for (id, s) in &x {
                assert!((s - y[id]).abs() <= s.abs() * 0.06 + 1e-3, "{q} {id}: {s} vs {}", y[id]);
            }
        }
        // Documents out of topic order are refused.
        let layout = Layout { compact_docs: true, extra: None };
        assert!(build_with(&docs(), &Lexicon::default(), &topics(), [3.0, 1.0, 2.0], |_| true, sizes, layout).is_err());
    }

    #[test]
    fn a_huge_gap_between_postings_is_an_error() {
        // A term piece whose second posting adds u64::MAX to the first document number: the sum
        // overflowed (a panic with overflow checks; wrapped to document 0 without them).
        let mut piece = TERMS_MAGIC.to_vec();
        piece.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        piece.extend_from_slice(&[1, 1, b'a', 2, 1, 1]);
        piece.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 1, 0, 0]);
        assert!(matches!(decode_terms(&piece, 30, false), Err(EngineError::Corrupt(m)) if m.contains("out of range")));
    }

    #[test]
    fn another_version_is_a_loud_error() {
        let mut root = small().root;
        root[4] = root[4].wrapping_add(1);
        assert!(matches!(PieceIndex::open(&root), Err(EngineError::FormatVersion { .. })));
    }
}
