import { KINDS } from '../board/kinds.ts';

/** The report's stylesheet, inlined so the page needs nothing but itself. Accents are sticky colours. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #5b6470; --line: #d8dee4; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f8fa; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 32px 0; }
h1 { margin: 0; font-size: 26px; }
.meta { margin: 4px 0 8px; color: var(--muted); }
nav a { display: inline-block; margin-right: 20px; padding: 6px 0 10px; color: var(--ink); text-decoration: none; border-bottom: 2px solid transparent; }
nav a:hover { border-color: ${KINDS.event.color}; }
main { padding: 8px 32px 32px; max-width: 1400px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 24px 20px; margin: 20px 0; }
h2 { font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
.board-image { margin: 0; overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 6px; }
.board-image svg { display: block; width: 100%; height: auto; min-width: 900px; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 14px; color: var(--muted); font-size: 13px; }
.chip { display: inline-block; width: 14px; height: 14px; border-radius: 3px; margin-right: 6px; vertical-align: -2px; border: 1px solid #0002; }
.contexts { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; }
.context { border: 1px dashed #7a8ca3; border-radius: 8px; padding: 4px 16px; background: #f3f6fa; }
.context h3 { margin: 8px 0 0; }
.counts { color: var(--muted); font-size: 13px; }
.event-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; align-items: start; }
.event { border: 1px solid var(--line); border-left: 5px solid ${KINDS.event.color}; border-radius: 6px; padding: 4px 14px 10px; }
.event h4 { margin: 8px 0; font-size: 16px; }
.verdict { font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 10px; margin-left: 8px; vertical-align: 2px; }
.verdict.ok { background: #dafbe1; color: var(--ok); }
.verdict.bad { background: #ffebe9; color: var(--bad); }
.verdict.single, .verdict.unknown { background: #eaeef2; color: var(--muted); }
.versions { padding-left: 0; list-style: none; margin: 0; }
.version { margin: 4px 0; }
.version .v { font-weight: 700; font-family: ui-monospace, monospace; }
.date, .note { color: var(--muted); font-size: 13px; }
details { margin: 0 0 0 28px; font-size: 13px; }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: 8px; overflow: auto; max-height: 320px; font-size: 12px; }
.step { margin: 8px 0 0; padding: 4px 10px; border-radius: 4px; background: #f6fef8; }
.step.bad { background: #fff5f4; }
.step p { margin: 2px 0; }
.diffs { margin: 2px 0 4px; padding-left: 18px; font-size: 13px; }
.diffs li.bad { color: var(--bad); }
.diffs code, td code { font-size: 12px; }
.same, .empty { color: var(--muted); }
.hotspots { padding-left: 20px; }
.hotspot { margin: 6px 0; }
.hotspot::marker { color: ${KINDS.hotspot.color}; }
.where, .about { color: var(--muted); font-size: 13px; margin-left: 8px; }
.hotspot p { margin: 2px 0; }
table.findings { border-collapse: collapse; width: 100%; font-size: 14px; }
.findings th, .findings td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 6px 8px; }
.badge { font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px; }
.badge.error { background: #ffebe9; color: var(--bad); }
.badge.warning { background: #fff8c5; color: var(--warn); }
.badge.info { background: #ddf4ff; color: #0969da; }
.fix { color: var(--muted); }
footer { color: var(--muted); font-size: 13px; padding: 0 32px 32px; }
`;
