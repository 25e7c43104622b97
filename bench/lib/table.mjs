// Plain-text tables for the terminal.
export function table(title, columns, rows) {
  const cells = [columns, ...rows.map((row) => columns.map((column) => String(row[column] ?? '')))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [
    `\n${title}`,
    line(columns),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

export const ratio = (value, baseline) => (baseline ? `${(value / baseline).toFixed(2)}×` : 'n/a');
