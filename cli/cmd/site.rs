use anyhow::Result; pub fn run(_a: &[String]) -> Result<i32> { anyhow::bail!("todo") }
