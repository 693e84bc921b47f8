import type { FileStatus, ServicePreview } from '../../../contract/generate.ts';

type PreviewFile = ServicePreview['files'][number];

/** How the preview names what a run does to a file; the user's own files say so. */
export function statusLabel(file: PreviewFile): string {
  switch (file.status) {
    case 'new':
      return file.owner === 'user' ? 'new, yours from then on' : 'new';
    case 'changed':
      return 'rewritten';
    case 'unchanged':
      return 'unchanged';
    case 'kept':
      return 'yours, left alone';
    case 'removed':
      return 'no longer needed, removed';
    case 'orphan':
      return 'yours, no longer on the board';
  }
}

// What the run changes first, what it leaves alone after, so the list's top is what matters.
const ORDER: readonly FileStatus[] = ['changed', 'new', 'removed', 'orphan', 'kept', 'unchanged'];

export function sortedFiles(files: readonly PreviewFile[]): PreviewFile[] {
  return [...files].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.path.localeCompare(b.path));
}

/** "12 new, 3 rewritten, 2 yours left alone, 40 unchanged": the counts that are not zero. */
export function summary(files: readonly PreviewFile[]): string {
  const parts: string[] = [];
  const count = (status: FileStatus) => files.filter((f) => f.status === status).length;
  const words: Record<FileStatus, string> = {
    changed: 'rewritten',
    new: 'new',
    removed: 'removed',
    orphan: 'yours no longer on the board',
    kept: 'yours left alone',
    unchanged: 'unchanged',
  };
  for (const status of ORDER) if (count(status) > 0) parts.push(`${count(status)} ${words[status]}`);
  return parts.join(', ') || 'no files';
}
