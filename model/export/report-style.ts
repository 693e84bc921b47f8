import { KINDS } from '../board/kinds.ts';
import { lightDeclarations } from '../theme/tokens.ts';

/**
 * The report's stylesheet, inlined so the page needs nothing but itself. Its colours and sizes are
 * the app's tokens (model/theme/tokens.ts), the light theme's, written out; accents are sticky colours.
 */
export const REPORT_CSS = `
:root { color-scheme: light; ${lightDeclarations()} }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 var(--font-sans); color: var(--color-text); background: var(--color-bg); }
header { background: var(--color-surface); border-bottom: 1px solid var(--color-border); padding: 16px 32px 0; }
h1 { margin: 0; font-size: 26px; }
.meta { margin: 4px 0 8px; color: var(--color-text-muted); }
nav a { display: inline-block; margin-right: 20px; padding: 6px 0 10px; color: var(--color-text); text-decoration: none; border-bottom: 2px solid transparent; }
nav a:hover { border-color: ${KINDS.event.color}; }
main { padding: 8px 32px 32px; max-width: 1400px; }
section { background: var(--color-surface); border: 1px solid var(--color-border); border-radius: var(--radius-xl); padding: 8px 24px 20px; margin: 20px 0; }
h2 { font-size: 20px; border-bottom: 1px solid var(--color-border); padding-bottom: 6px; }
.board-image { margin: 0; overflow: auto; max-height: 80vh; border: 1px solid var(--color-border); border-radius: var(--radius-lg); }
.board-image svg { display: block; width: 100%; height: auto; min-width: 900px; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 14px; color: var(--color-text-muted); font-size: var(--text-md); }
.chip { display: inline-block; width: 14px; height: 14px; border-radius: var(--radius-sm); margin-right: 6px; vertical-align: -2px; border: 1px solid #0002; }
.contexts { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; }
.context { border: 1px dashed var(--color-frame-border); border-radius: var(--radius-xl); padding: 4px 16px; background: var(--color-surface-alt); }
.context h3 { margin: 8px 0 0; }
.counts { color: var(--color-text-muted); font-size: var(--text-md); }
.event-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; align-items: start; }
.event { border: 1px solid var(--color-border); border-left: 5px solid ${KINDS.event.color}; border-radius: var(--radius-lg); padding: 4px 14px 10px; }
.event h4 { margin: 8px 0; font-size: var(--text-lg); }
.verdict { font-size: var(--text-sm); font-weight: 600; padding: 2px 8px; border-radius: 10px; margin-left: 8px; vertical-align: 2px; }
.verdict.ok { background: var(--color-ok-soft); color: var(--color-ok); }
.verdict.bad { background: var(--color-danger-soft); color: var(--color-danger); }
.verdict.single, .verdict.unknown { background: var(--color-surface-strong); color: var(--color-text-muted); }
.versions { padding-left: 0; list-style: none; margin: 0; }
.version { margin: 4px 0; }
.version .v { font-weight: 700; font-family: var(--font-mono); }
.date, .note { color: var(--color-text-muted); font-size: var(--text-md); }
details { margin: 0 0 0 28px; font-size: var(--text-md); }
pre { background: var(--color-surface-alt); border: 1px solid var(--color-border); border-radius: var(--radius-md); padding: 8px; overflow: auto; max-height: 320px; font-size: var(--text-sm); }
.step { margin: 8px 0 0; padding: 4px 10px; border-radius: var(--radius-md); background: var(--color-ok-soft); }
.step.bad { background: var(--color-danger-soft); }
.step p { margin: 2px 0; }
.diffs { margin: 2px 0 4px; padding-left: 18px; font-size: var(--text-md); }
.diffs li.bad { color: var(--color-danger); }
.diffs code, td code { font-size: var(--text-sm); }
.same, .empty { color: var(--color-text-muted); }
.hotspots { padding-left: 20px; }
.hotspot { margin: 6px 0; }
.hotspot::marker { color: ${KINDS.hotspot.color}; }
.where, .about { color: var(--color-text-muted); font-size: var(--text-md); margin-left: 8px; }
.hotspot p { margin: 2px 0; }
table.findings { border-collapse: collapse; width: 100%; font-size: var(--text-base); }
.findings th, .findings td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--color-border); padding: 6px 8px; }
.badge { font-size: var(--text-sm); font-weight: 600; padding: 1px 8px; border-radius: 10px; }
.badge.error { background: var(--color-danger-soft); color: var(--color-danger); }
.badge.warning { background: var(--color-warn-soft); color: var(--color-warn); }
.badge.info { background: var(--color-accent-soft); color: var(--color-accent); }
.fix { color: var(--color-text-muted); }
footer { color: var(--color-text-muted); font-size: var(--text-md); padding: 0 32px 32px; }
`;
