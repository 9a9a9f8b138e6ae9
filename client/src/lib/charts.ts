// Chart.js, registered once with only the parts the report charts use, and sized for a projector.
import {
  type Scale,
  type ScriptableScaleContext,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
Chart.defaults.font.size = 16;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
Chart.defaults.color = "#1c1c1c";
// Charts are always shown with their numbers in a table too; no animation on a projector.
Chart.defaults.animation = false;

/** Splits a label at spaces into lines of at most `max` characters (a longer word stays whole). */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [label];
}

// On a phone a chart is a third of a projector's width: smaller type, and the names beside
// horizontal bars (themes, steps) wrap onto more lines within 40% of the chart instead of being
// cut off at the left edge.
const narrow = (width: number) => width < 560;
const tickFont = (ctx: ScriptableScaleContext) => ({ size: narrow(ctx.chart.width) ? 12 : 16 });
Chart.defaults.scales.category.ticks.font = tickFont;
Chart.defaults.scales.linear.ticks.font = tickFont;
Chart.defaults.scales.category.ticks.callback = function (this: Scale, value: string | number) {
  const label = this.getLabelForValue(Number(value));
  if (this.axis !== "y") return label;
  const size = narrow(this.chart.width) ? 12 : 16;
  // About 0.55 em per character in a sans-serif face.
  return wrapLabel(label, Math.max(8, Math.floor((this.chart.width * 0.4) / (size * 0.55))));
};
Chart.defaults.plugins.legend.labels.font = (ctx) => ({ size: narrow(ctx.chart.width) ? 12 : 16 });

// Printing changes the page width; let every chart fit the paper.
if (typeof window !== "undefined") {
  window.addEventListener("beforeprint", () => {
    for (const chart of Object.values(Chart.instances)) chart.resize();
  });
}

/** Colours that stay apart in print (grey scale) and for colour-blind viewers. */
export const colours = {
  current: "#0b5cad",
  previous: "#9a9a9a",
  /** The book marks changed scores in orange. */
  changed: "#e07000",
  desired: "#2e8b57",
  target: "#a61b1b",
};
