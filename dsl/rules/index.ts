import type { Rule } from "../check.ts";
import { answeredByDeclared } from "./answered-by-declared.ts";
import { conditionsReferBack } from "./conditions-refer-back.ts";
import { itemSettingsFitKind } from "./item-settings-fit-kind.ts";
import { itemsRatedOnScales } from "./items-rated-on-scales.ts";
import { namesUnique } from "./names-unique.ts";
import { scalesWellFormed } from "./scales-well-formed.ts";
import { scanDeclared } from "./scan-declared.ts";
import { scanLength } from "./scan-length.ts";
import { scoresKnown } from "./scores-known.ts";
import { scoresWithinScale } from "./scores-within-scale.ts";
import { themesHoldItems } from "./themes-hold-items.ts";
import { translationsComplete } from "./translations-complete.ts";

/** Every checker rule, in the order they run; each keeps one invariant. */
export const rules: readonly Rule[] = [
  scanDeclared,
  answeredByDeclared,
  namesUnique,
  scalesWellFormed,
  themesHoldItems,
  itemsRatedOnScales,
  itemSettingsFitKind,
  conditionsReferBack,
  scoresKnown,
  scoresWithinScale,
  translationsComplete,
  scanLength,
];
