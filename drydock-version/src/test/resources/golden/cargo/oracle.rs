// Reference answers from the Rust `semver` crate. Reads lines from stdin:
//   "<v>"        -> "<v>\t<true|false>"  (semver::Version::parse)
//   "<a>\t<b>"   -> "<a>\t<op>\t<b>"       (Ord for semver::Version)
use std::io::{self, BufRead, Write};
fn main() {
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout());
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let p: Vec<&str> = line.split('\t').collect();
        if p.len() == 1 {
            writeln!(out, "{}\t{}", p[0], if semver::Version::parse(p[0]).is_ok() { "true" } else { "false" }).unwrap();
            continue;
        }
        let a = semver::Version::parse(p[0]).unwrap();
        let b = semver::Version::parse(p[1]).unwrap();
        let op = match a.cmp(&b) { std::cmp::Ordering::Less => "<", std::cmp::Ordering::Equal => "=", std::cmp::Ordering::Greater => ">" };
        writeln!(out, "{}\t{}\t{}", p[0], op, p[1]).unwrap();
    }
}
