// Chart.js, registered once with only the parts the report charts use, and sized for a projector.
import {
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
