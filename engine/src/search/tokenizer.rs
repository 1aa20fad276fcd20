//! The tantivy adapter for [`crate::text::tokenize`]: index and query share one tokenizer.

use crate::text;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;

pub const TOKENIZER_NAME: &str = "pocketlaw";

#[derive(Clone, Default)]
pub struct PlTokenizer;

pub struct PlTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for PlTokenizer {
    type TokenStream<'a> = PlTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PlTokenStream {
        let tokens = text::tokenize(text)
            .into_iter()
            .map(|t| Token { offset_from: t.from, offset_to: t.to, position: t.position, text: t.text, position_length: 1 })
            .collect();
        PlTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for PlTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Registers the tokenizer on an index; needed before writing or searching.
pub fn register_tokenizer(index: &Index) {
    index.tokenizers().register(TOKENIZER_NAME, PlTokenizer);
}
