// pa11y (WCAG 2 AA, HTML_CodeSniffer) on each URL given, in one Debian chromium whose
// *.test hostnames resolve to the test server. Prints {url: [issues]} as JSON.
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const urls = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--host-resolver-rules=MAP *.test 127.0.0.1"],
});
const results = {};
try {
  for (const url of urls) {
    const page = await browser.newPage();
    const result = await pa11y(url, { browser, page, standard: "WCAG2AA", timeout: 60000 });
    results[url] = result.issues.filter((issue) => issue.type === "error");
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
