import { plural } from '../words.ts';
import { compatibilityOf, versionsOf } from '../board/events.ts';
import { BoardGraph, type Identity } from '../board/graph.ts';
import { KINDS } from '../board/kinds.ts';
import { ELEMENT_KINDS, type Board, type ElementKind, type HotspotElement } from '../board/types.ts';
import { lintBoard, summarise } from '../lint/lint.ts';
import type { Problem } from '../lint/problem.ts';
import { packageNameOf } from '../lint/rules/contexts.ts';
import { checkHistory, type HistoryStep } from '../schema/compare.ts';
import { boardToSvg } from './board-svg.ts';
import { escapeXml as esc } from './xml.ts';
import { REPORT_CSS } from './report-style.ts';

/**
 * The workshop as one self-contained HTML page: the board as an inline SVG, the contexts, every
 * event with its versions, the differences between them and the compatibility verdicts, the open
 * hotspots and the linter's findings. No script, no external request (a Content-Security-Policy
 * says so too), every piece of user text escaped.
 */

export interface ReportOptions {
  /** Shown under the title, e.g. the board's file name. */
  source?: string;
  /** Precomputed findings (the CLI has them already); otherwise the linter runs here. */
  problems?: Problem[];
}

export function buildReport(board: Board, options: ReportOptions = {}): string {
  const graph = new BoardGraph(board);
  const problems = options.problems ?? lintBoard(board, { graph });
  const summary = summarise(problems);
  const events = [...graph.identities()].filter((i) => i.kind === 'event');
  const hotspots = board.elements.filter((e): e is HotspotElement => e.kind === 'hotspot' && e.resolved !== true);
  const contextName = (id: string | undefined) =>
    board.contexts.find((c) => c.id === id)?.name ?? (id === undefined ? 'no context' : id);

  const parts: string[] = [];
  parts.push(
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(board.name)} – workshop report</title>`,
    `<style>${REPORT_CSS}</style></head><body>`,
    `<header><h1>${esc(board.name)}</h1><p class="meta">Workshop report${options.source ? ` of <code>${esc(options.source)}</code>` : ''} · ` +
      `${plural(board.contexts.length, 'context')} · ${plural(board.elements.length, 'sticky', 'stickies')} · ${plural(events.length, 'event')} · ` +
      `${plural(hotspots.length, 'open hotspot')} · ${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info</p>`,
    '<nav><a href="#board">Board</a><a href="#contexts">Contexts</a><a href="#events">Events</a><a href="#hotspots">Hotspots</a><a href="#findings">Findings</a></nav></header>',
    '<main>',
  );

  parts.push(
    '<section id="board"><h2>The board</h2>',
    legend(),
    `<figure class="board-image">${boardToSvg(board).svg}</figure></section>`,
  );

  parts.push('<section id="contexts"><h2>Bounded contexts</h2><ul class="contexts">');
  for (const c of board.contexts) {
    const mine = board.elements.filter((e) => e.context === c.id);
    const count = (kind: ElementKind) => {
      const n = new Set(mine.filter((e) => e.kind === kind).map((e) => graph.identityOf(e.id)?.key)).size;
      return `${n} ${n === 1 ? KINDS[kind].noun : KINDS[kind].plural}`;
    };
    parts.push(
      `<li class="context"><h3>${esc(c.name)}</h3><p><code>${esc(c.id)}</code> → service <code>${esc(packageNameOf(c))}</code>, responds <em>${esc(c.service?.responseMode ?? 'applied')}</em></p>` +
        `<p class="counts">${(['event', 'command', 'aggregate', 'policy', 'readModel'] as const).map(count).join(' · ')}</p></li>`,
    );
  }
  parts.push('</ul></section>');

  parts.push('<section id="events"><h2>Events and their versions</h2>');
  if (events.length === 0) parts.push('<p class="empty">The board has no events.</p>');
  for (const context of [...board.contexts.map((c) => c.id), undefined]) {
    const mine = events.filter((e) =>
      context === undefined ? !board.contexts.some((c) => c.id === e.contextId) : e.contextId === context,
    );
    if (mine.length === 0) continue;
    parts.push(`<h3 class="context-heading">${esc(contextName(context))}</h3><div class="event-list">`);
    for (const identity of mine) parts.push(eventCard(identity));
    parts.push('</div>');
  }
  parts.push('</section>');

  parts.push('<section id="hotspots"><h2>Open hotspots</h2>');
  if (hotspots.length === 0) parts.push('<p class="empty">No open hotspots.</p>');
  else {
    parts.push('<ul class="hotspots">');
    for (const h of hotspots) {
      const about = graph
        .outgoing(h.id)
        .map((l) => graph.element(l.to))
        .filter((e) => e !== undefined)
        .map((e) => `${KINDS[e.kind].label} “${esc(e.name)}”`);
      parts.push(
        `<li class="hotspot"><strong>${esc(h.name)}</strong> <span class="where">${esc(contextName(h.context))}</span>` +
          `${about.length > 0 ? `<span class="about">about ${about.join(', ')}</span>` : ''}${h.text ? `<p>${esc(h.text)}</p>` : ''}</li>`,
      );
    }
    parts.push('</ul>');
  }
  parts.push('</section>');

  parts.push('<section id="findings"><h2>Linter findings</h2>');
  if (problems.length === 0) parts.push('<p class="empty">No problems found.</p>');
  else {
    parts.push(
      '<table class="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Element</th><th>Problem and fix</th></tr></thead><tbody>',
    );
    for (const p of problems) {
      parts.push(
        `<tr class="${p.severity}"><td><span class="badge ${p.severity}">${p.severity}</span></td><td><code>${esc(p.rule)}</code></td>` +
          `<td>${p.elementName !== undefined ? esc(p.elementName) : p.contextId !== undefined ? `context ${esc(p.contextId)}` : 'board'}</td>` +
          `<td>${esc(p.message)}<br><span class="fix">Fix: ${esc(p.fix)}</span></td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  parts.push(
    '</section></main><footer>Made by Stormbench from the board file; open it in the app to change it.</footer></body></html>',
  );
  return `${parts.join('\n')}\n`;
}

function eventCard(identity: Identity): string {
  const name = identity.stickies[0]!.name;
  const versions = versionsOf(identity);
  const level = compatibilityOf(identity);
  let steps: HistoryStep[] = [];
  let failure: string | undefined;
  try {
    steps = checkHistory(versions, level).steps;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const verdict =
    failure !== undefined
      ? `<span class="verdict unknown">not checked</span>`
      : versions.length < 2
        ? `<span class="verdict single">${versions.length === 0 ? 'no schema' : 'one version'}</span>`
        : steps.every((s) => s.report.compatible)
          ? `<span class="verdict ok">${esc(level)} kept</span>`
          : `<span class="verdict bad">${esc(level)} broken</span>`;
  const out = [
    `<article class="event"><h4><span class="chip" style="background:${KINDS.event.color}"></span>${esc(name)} ${verdict}</h4>`,
  ];
  if (failure !== undefined) out.push(`<p class="problem">The schemas could not be compared: ${esc(failure)}</p>`);
  out.push('<ol class="versions">');
  for (const v of versions) {
    out.push(
      `<li class="version"><span class="v">v${esc(String(v.version))}</span>${v.date ? ` <span class="date">${esc(String(v.date))}</span>` : ''}${v.note ? ` <span class="note">${esc(String(v.note))}</span>` : ''}` +
        `<details><summary>schema</summary><pre>${esc(JSON.stringify(v.schema, null, 2))}</pre></details></li>`,
    );
  }
  out.push('</ol>');
  for (const step of steps) {
    const r = step.report;
    out.push(
      `<div class="step ${r.compatible ? 'ok' : 'bad'}"><p>v${step.from} → v${step.to}: <strong>${r.compatible ? 'compatible' : 'incompatible'}</strong> under ${esc(r.mode)}</p>`,
    );
    if (r.differences.length > 0) {
      out.push('<ul class="diffs">');
      for (const d of r.differences) {
        out.push(
          `<li class="${d.compatible ? 'ok' : 'bad'}"><code>${esc(d.type)}</code> <code>${esc(d.path)}</code> ${esc(d.message)}</li>`,
        );
      }
      out.push('</ul>');
    } else out.push('<p class="same">No differences.</p>');
    out.push('</div>');
  }
  out.push('</article>');
  return out.join('');
}

function legend(): string {
  const items = ELEMENT_KINDS.map(
    (kind) => `<li><span class="chip" style="background:${KINDS[kind].color}"></span>${esc(KINDS[kind].label)}</li>`,
  );
  return `<ul class="legend">${items.join('')}</ul>`;
}
