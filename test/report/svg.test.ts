// The report's SVG plots (src/report/svg.ts): well-formed XML whatever the labels contain, labelled axes, a
// legend or a colour bar, the caption, gaps for non-finite data, and byte-identical output for the same input.
import { describe, expect, it } from 'vitest';
import { heatMap, linePlot, niceTicks, richText, tickLabels, viridis, wrap } from '../../src/report/svg.ts';
import { xmlProblems } from './xml.ts';

const xs = [0, 1, 2, 3, 4];

describe('linePlot', () => {
  const svg = linePlot({
    title: 'Case A: |ρ_{32}| vs ΔT & <more>',
    xLabel: 'ΔT / γ  (T_{b} = T_{a} + ΔT)',
    yLabel: '|ρ_{32}|',
    series: [
      { label: 'Δ/γ = 0', x: xs, y: [0, 1, 4, 9, 16] },
      { label: 'Δ/γ = "10" & <b>', x: xs, y: [0, 0.5, Number.NaN, 4.5, 8], dash: '7 5' },
      { label: 'points', x: xs, y: [1, 2, 3, 4, 5], markers: true, noLine: true },
    ],
    caption: 'Parameters: Ω/γ = 30, ξ/γ = 2 & γ = 1 <caption>',
  });

  it('is well-formed XML with one <svg> root', () => {
    const { problems, elements } = xmlProblems(svg);
    expect(problems).toEqual([]);
    expect(elements[0]).toBe('svg');
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('has the title, both axis labels, a legend entry per series and the caption', () => {
    expect(svg).toContain('class="title"');
    expect(svg).toContain('class="x-label"');
    expect(svg).toContain('class="y-label"');
    expect(svg.match(/<g class="series"/g)).toHaveLength(3);
    expect(svg).toContain('Δ/γ = &quot;10&quot; &amp; &lt;b&gt;');
    expect(svg).toContain('class="caption"');
    expect(svg).toContain('<desc>Parameters: Ω/γ = 30, ξ/γ = 2 &amp; γ = 1 &lt;caption&gt;</desc>');
  });

  it('breaks a line at a non-finite value instead of drawing it', () => {
    const second = svg.split('<g class="series"')[2]!;
    const d = /d="([^"]*)"/.exec(second)![1]!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toMatch(/NaN/);
  });

  it('widens the document for a long legend label instead of clipping it', () => {
    const label = 'a very long legend label that needs about four hundred pixels of room';
    const wide = linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ label, x: xs, y: xs }] });
    const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(wide)![1]);
    const text = /<text x="([\d.]+)"[^>]*>([^<]*)<\/text>/.exec(wide.split('<g class="legend">')[1]!)!;
    expect(text[2]).toBe(label);
    expect(Number(text[1]) + label.length * 7).toBeLessThanOrEqual(width);
  });

  it('is deterministic', () => {
    const again = linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ label: 'a', x: xs, y: [0, 1, 4, 9, 16] }] });
    expect(linePlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ label: 'a', x: xs, y: [0, 1, 4, 9, 16] }] })).toBe(again);
  });
});

describe('heatMap', () => {
  const values = new Float64Array(12).map((_, k) => (k === 5 ? Number.NaN : k / 11));
  const svg = heatMap({
    title: 'Case A: |ρ_{32}|',
    xLabel: 'T_{a} / γ',
    yLabel: 'ΔT / γ',
    colorLabel: '|ρ_{32}|',
    panels: [
      { title: 'secular', xs: [0, 1, 2, 3], ys: [0, 10, 20], values, markers: [{ x: 2, y: 10, label: 'max 0.5' }] },
      { title: 'non-secular', xs: [0, 1, 2, 3], ys: [0, 10, 20], values },
    ],
    caption: 'a caption',
    range: [0, 1],
  });

  it('is well-formed XML', () => {
    expect(xmlProblems(svg).problems).toEqual([]);
  });

  it('has a colour bar with ticks and label, one cell group per panel, the marker, and a "no value" key for NaN', () => {
    expect(svg).toContain('class="colorbar"');
    expect(svg).toContain('class="colorbar-label"');
    expect(svg).toContain('id="colorbar"');
    expect(svg.match(/<g class="cells">/g)).toHaveLength(2);
    expect(svg).toContain('class="marker"');
    expect(svg).toContain('no value');
    // the y label is drawn once (left panel only), the x label under each panel
    expect(svg.match(/class="y-label"/g)).toHaveLength(1);
    expect(svg.match(/class="x-label"/g)).toHaveLength(2);
  });

  it('clamps values outside the colour range to its ends', () => {
    const one = (v: number) => heatMap({ title: 't', xLabel: 'x', yLabel: 'y', colorLabel: 'c', panels: [{ title: '', xs: [0], ys: [0], values: [v] }], range: [0, 1] });
    const fill = (s: string) => /<g class="cells"><rect [^>]*fill="(#[0-9a-f]{6})"/.exec(s)![1];
    expect(fill(one(5))).toBe(viridis(1));
    expect(fill(one(-5))).toBe(viridis(0));
  });
});

describe('helpers', () => {
  it('niceTicks: 1, 2, 2.5, 5 × 10^k steps covering the range', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.5, 30, 6)).toEqual([5, 10, 15, 20, 25, 30]);
    expect(niceTicks(0, 0.15, 5)).toEqual([0, 0.05, 0.1, 0.15]);
  });

  it('tickLabels: same decimals on an axis', () => {
    expect(tickLabels([0, 0.05, 0.1, 0.15])).toEqual(['0.00', '0.05', '0.10', '0.15']);
    expect(tickLabels([0, 25, 50])).toEqual(['0', '25', '50']);
  });

  it('richText: sub/superscripts as tspans, the rest escaped', () => {
    expect(richText('T_{a} & x^{2}')).toBe(
      'T<tspan dy="0.35em" font-size="72%">a</tspan><tspan dy="-0.252em">&#8203;</tspan> &amp; x<tspan dy="-0.45em" font-size="72%">2</tspan><tspan dy="0.324em">&#8203;</tspan>',
    );
  });

  it('viridis ends and wrap', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
  });
});
