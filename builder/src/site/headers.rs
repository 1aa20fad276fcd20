//! The pages' Content-Security-Policy and the host's response headers (`_headers`).

use sha2::{Digest, Sha256};

/// A page's Content-Security-Policy: only this site's own files, the wasm it compiles, and the
/// inline scripts and style the page carries, each named by its SHA-256.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Policy {
    pub scripts: Vec<String>,
    pub styles: Vec<String>,
}

impl Policy {
    fn directives(&self) -> Vec<String> {
        let hashes = |v: &[String]| v.iter().map(|h| format!(" 'sha256-{h}'")).collect::<String>();
        vec![
            "default-src 'self'".into(),
            format!("script-src 'self' 'wasm-unsafe-eval'{}", hashes(&self.scripts)),
            format!("style-src 'self'{}", hashes(&self.styles)),
            "img-src 'self'".into(),
            "object-src 'none'".into(),
            "base-uri 'none'".into(),
            "form-action 'none'".into(),
        ]
    }

    /// For the page's `<meta>` (which cannot carry `frame-ancestors`).
    pub fn meta(&self) -> String {
        self.directives().join("; ")
    }

    /// For the host's response header (`_headers`): the same, and no framing.
    pub fn header(&self) -> String {
        let mut d = self.directives();
        d.push("frame-ancestors 'none'".into());
        d.join("; ")
    }
}

/// The hashes of a page's inline `<script>` (not data blocks) and `<style>` elements.
pub fn content_security_policy(html: &str) -> Policy {
    use base64::Engine;
    let hash = |text: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()));
    let mut policy = Policy::default();
    for (open, close, scripts) in [("<script", "</script>", true), ("<style", "</style>", false)] {
        let mut rest = html;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len()..];
            let Some(tag_end) = after.find('>') else { break };
            let attrs = &after[..tag_end];
            let body = &after[tag_end + 1..];
            let Some(end) = body.find(close) else { break };
            let inline = !attrs.contains("src=") && !attrs.contains("application/json");
            if inline && (attrs.is_empty() || attrs.starts_with(' ')) {
                let list = if scripts { &mut policy.scripts } else { &mut policy.styles };
                let h = hash(&body[..end]);
                if !list.contains(&h) {
                    list.push(h);
                }
            }
            rest = &body[end + close.len()..];
        }
    }
    policy
}

/// The `_headers` file: the policy with `frame-ancestors`, no sniffing, no referrer, none of the
/// browser features the app does not use, and long caching for everything with a hashed name.
pub fn headers_file(policy: &Policy) -> String {
    format!(
        "/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  \
         Permissions-Policy: accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()\n\
         /assets/*\n  Cache-Control: public, max-age=31536000, immutable\n\
         /data/*\n  Cache-Control: public, max-age=31536000, immutable\n\
         /library/*\n  Cache-Control: public, max-age=31536000, immutable\n\
         /sw.js\n  Cache-Control: no-cache\n",
        policy.header()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_each_inline_script_and_style_by_hash() {
        let html = "<head><meta charset=utf-8>{{CSP}}<style>b{}</style>\
                    <script id=\"pl-assets\" type=\"application/json\">{}</script>\
                    <script src=\"/a.js\"></script><script>one()</script><script type=\"module\">two()</script>\
                    <script>one()</script></head>";
        let p = content_security_policy(html);
        assert_eq!(p.scripts.len(), 2, "two distinct inline scripts; not the data block, not the file");
        assert_eq!(p.styles.len(), 1);
        // The hash of `one()` (checked against `printf 'one()' | openssl dgst -sha256 -binary | base64`).
        assert_eq!(p.scripts[0], "HR7iaask9daLMRRskMI++QeJtjWDOjyPA6lGzYGzKW4=");
        assert!(!p.meta().contains("unsafe-inline") && !p.meta().contains("frame-ancestors"));
        assert!(p.header().ends_with("frame-ancestors 'none'"));
        assert!(headers_file(&p).contains("X-Content-Type-Options: nosniff"));
    }
}
