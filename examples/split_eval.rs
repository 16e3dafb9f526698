//! Accuracy and sanity report for the sentence splitter.
//!
//! ```text
//! cargo run --release --example split_eval -- FILE.jsonl [--clean] [--show-failures]
//! cargo run --release --example split_eval -- --corpus FILE.jsonl [--clean] [--field body] [--show N] [--dump]
//! ```
//!
//! The first form reads `{"text", "sentences"}` lines (the Golden Rules or the
//! pragmatic_segmenter spec cases) and prints `passed N of M`. A case passes
//! when the split gives exactly the expected sentences, in order, after both
//! sides are trimmed and every run of whitespace inside them is collapsed to
//! one space: the splitter returns spans of the original text, so it cannot
//! join "cold \nnight" into "cold night" the way a text-rewriting splitter
//! does, but it must put both halves in the same sentence. With `--clean` it
//! prints the count both ways: splitting the text as it is, and splitting
//! `clean(text)` (failures shown are then those of the cleaned text).
//!
//! The second form splits the given field of every line of a news corpus and
//! counts the claims that usually betray a wrong boundary: very short (fewer
//! than 3 words), very long (more than 80 words), starting with a lowercase
//! letter, or starting with a closing quote or bracket (`--show N` prints N
//! of each with the text before them, `--dump` prints every claim). Each count also says
//! how many of those claims do not begin a paragraph: a claim that begins a
//! paragraph got its start from the corpus, not from the splitter (the BBC
//! text has paragraphs that begin in lowercase where a name was lost).
//! With `--clean` every paragraph (the body cut at blank lines) is cleaned
//! before splitting, and the paragraphs that `clean` changed are counted
//! (`--show N` prints N of them, before and after).

use std::fs;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use claimdesk::split::{clean, split};
use serde_json::Value;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        // Piped into `head`: stop quietly.
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("split_eval: {e:#}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    file: String,
    corpus: bool,
    show_failures: bool,
    field: String,
    show: usize,
    dump: bool,
    clean: bool,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        file: String::new(),
        corpus: false,
        show_failures: false,
        field: "body".to_string(),
        show: 0,
        dump: false,
        clean: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--show-failures" => args.show_failures = true,
            "--dump" => args.dump = true,
            "--clean" => args.clean = true,
            "--corpus" => {
                args.corpus = true;
                args.file = it.next().context("--corpus needs a file")?;
            }
            "--field" => args.field = it.next().context("--field needs a name")?,
            "--show" => args.show = it.next().context("--show needs a number")?.parse()?,
            _ if a.starts_with("--") => bail!("unknown option {a}"),
            _ => args.file = a,
        }
    }
    if args.file.is_empty() {
        bail!(
            "usage: split_eval FILE.jsonl [--clean] [--show-failures] | --corpus FILE.jsonl [--clean] [--field body] [--show N] [--dump]"
        );
    }
    Ok(args)
}

fn run() -> Result<()> {
    let args = parse_args()?;
    let data = fs::read_to_string(&args.file).with_context(|| format!("reading {}", args.file))?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.corpus {
        corpus(&data, &args, &mut out)?;
    } else {
        cases(&data, &args, &mut out)?;
    }
    out.flush()?;
    Ok(())
}

/// Trimmed, with every whitespace run collapsed to one space.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sentences(text: &str) -> Vec<String> {
    split(text)
        .iter()
        .map(|s| normalize(s.slice(text)))
        .collect()
}

fn cases(data: &str, args: &Args, out: &mut impl Write) -> Result<()> {
    let (mut passed, mut passed_raw, mut total) = (0, 0, 0);
    for (n, line) in data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Value = serde_json::from_str(line).with_context(|| format!("line {}", n + 1))?;
        let text = case["text"].as_str().context("no \"text\"")?;
        let expected: Vec<String> = case["sentences"]
            .as_array()
            .context("no \"sentences\"")?
            .iter()
            .filter_map(Value::as_str)
            .map(normalize)
            .collect();
        let raw = sentences(text);
        let got = if args.clean {
            sentences(&clean(text))
        } else {
            raw.clone()
        };
        total += 1;
        passed_raw += usize::from(raw == expected);
        if got == expected {
            passed += 1;
        } else if args.show_failures {
            let id = case
                .get("id")
                .map_or_else(|| (n + 1).to_string(), Value::to_string);
            writeln!(out, "FAIL {id}: {text:?}")?;
            for e in &expected {
                writeln!(out, "  want {e:?}")?;
            }
            for g in &got {
                writeln!(out, "  got  {g:?}")?;
            }
        }
    }
    if args.clean {
        writeln!(out, "passed {passed_raw} of {total} without --clean")?;
        writeln!(out, "passed {passed} of {total} with --clean")?;
    } else {
        writeln!(out, "passed {passed} of {total}")?;
    }
    Ok(())
}

/// Claims of one suspicious kind: all of them, and the ones that do not start
/// a paragraph (a paragraph start is the corpus's own boundary, not ours).
#[derive(Default)]
struct Bucket {
    count: usize,
    inside: Vec<String>,
}

impl Bucket {
    /// `context` is the text just before the claim, shown with `--show`.
    fn add(&mut self, claim: &str, context: &str, paragraph_start: bool) {
        self.count += 1;
        if !paragraph_start {
            self.inside.push(format!("{context} | {claim}"));
        }
    }
}

#[derive(Default)]
struct Suspicious {
    claims: usize,
    short: Bucket,
    long: Bucket,
    lowercase: Bucket,
    closing: Bucket,
}

fn corpus(data: &str, args: &Args, out: &mut impl Write) -> Result<()> {
    let mut s = Suspicious::default();
    let mut docs = 0;
    let (mut paragraphs, mut changed) = (0, Vec::new());
    for (n, line) in data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let doc: Value = serde_json::from_str(line).with_context(|| format!("line {}", n + 1))?;
        let Some(body) = doc[&args.field].as_str() else {
            continue;
        };
        docs += 1;
        let cleaned;
        let body = if args.clean {
            let mut parts = Vec::new();
            for p in body.split("\n\n") {
                paragraphs += 1;
                let c = clean(p);
                if c != p {
                    changed.push((p.to_string(), c.to_string()));
                }
                parts.push(c);
            }
            cleaned = parts.join("\n\n");
            cleaned.as_str()
        } else {
            body
        };
        for span in split(body) {
            let claim = span.slice(body);
            if args.dump {
                writeln!(out, "{}", claim.replace('\n', "\\n"))?;
            }
            let before = body[..span.start].trim_end_matches([' ', '\t']);
            let paragraph_start = before.is_empty() || before.ends_with("\n\n");
            let context: String = {
                let tail: Vec<char> = before.chars().rev().take(60).collect();
                tail.into_iter().rev().collect()
            };
            s.claims += 1;
            let words = claim.split_whitespace().count();
            let mut chars = claim.chars();
            let first = chars.next().unwrap_or(' ');
            let second = chars.next().unwrap_or(' ');
            let bucket = if words < 3 {
                Some(&mut s.short)
            } else if words > 80 {
                Some(&mut s.long)
            } else {
                None
            };
            if let Some(b) = bucket {
                b.add(claim, &context, paragraph_start);
            }
            if first.is_lowercase() {
                s.lowercase.add(claim, &context, paragraph_start);
            }
            let closes = matches!(first, ')' | ']' | '”' | '’' | '»')
                || (matches!(first, '"' | '\'') && (second.is_whitespace() || second == ','));
            if closes {
                s.closing.add(claim, &context, paragraph_start);
            }
        }
    }
    writeln!(out, "documents {docs}, claims {}", s.claims)?;
    if args.clean {
        writeln!(
            out,
            "paragraphs {paragraphs}, changed by clean: {}",
            changed.len()
        )?;
        for (before, after) in changed.iter().take(args.show) {
            writeln!(out, "    before {before:?}")?;
            writeln!(out, "    after  {after:?}")?;
        }
    }
    for (name, bucket) in [
        ("very short (< 3 words)", &s.short),
        ("very long (> 80 words)", &s.long),
        ("starting lowercase", &s.lowercase),
        ("starting with a closing quote/bracket", &s.closing),
    ] {
        let inside = bucket.inside.len();
        writeln!(
            out,
            "{name}: {} ({inside} not at a paragraph start)",
            bucket.count
        )?;
        for claim in bucket.inside.iter().take(args.show) {
            let cut: String = claim.chars().take(220).collect();
            writeln!(out, "    {cut:?}")?;
        }
    }
    Ok(())
}
