/**
 * Phrases and periods: four-bar phrases paired into antecedent and consequent, the order in which
 * the periods state the form's material, and a chord template fitted to each phrase's length.
 */
import type { SectionPlan } from './sections.js';
import type { MelodicForm } from './types.js';

export type PhraseKind = 'ANTECEDENT' | 'CONSEQUENT' | 'CONTINUATION';

/**
 * Four-bar phrases paired into periods: antecedent (half cadence) + consequent (authentic
 * cadence). An odd phrase out becomes a continuation before the last consequent, and bars that do
 * not fill a phrase extend the last one.
 */
function phraseKinds(units: number): PhraseKind[] {
  if (units <= 1) return ['CONSEQUENT'];
  const kinds: PhraseKind[] = [];
  for (let i = 0; i + 1 < units; i += 2) kinds.push('ANTECEDENT', 'CONSEQUENT');
  if (units % 2 === 1) kinds.splice(kinds.length - 1, 0, 'CONTINUATION');
  return kinds;
}

/** A four-bar template stretched or squeezed to the phrase length, always keeping its cadence. */
export function fitProgression(template: readonly number[], kind: PhraseKind, length: number): number[] {
  const [first, second, third, last] = template;
  if (length >= 4) {
    const degrees = kind === 'CONSEQUENT' ? [first, second] : [first, second, third];
    while (degrees.length < length - (kind === 'CONSEQUENT' ? 2 : 1)) degrees.push(degrees[degrees.length - 1]);
    if (kind === 'CONSEQUENT') degrees.push(third);
    degrees.push(last);
    return degrees;
  }
  if (length === 3) return kind === 'CONSEQUENT' ? [second, third, last] : [first, third, last];
  if (length === 2) return kind === 'CONSEQUENT' ? [third, last] : [first, last];
  return [last];
}

interface PeriodPart {
  material: number;
  variation: number;
  label: string;
}

const LETTERS = 'ABCDEFGH';

function cycle(pattern: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => pattern[i % pattern.length]);
}

/**
 * The order in which the periods state their material. Short pieces take the form's opening
 * (a one-period piece is its A); longer ones cycle it and end on a return or a final chorus.
 */
export function periodParts(form: MelodicForm, count: number): PeriodPart[] {
  const plain = (materials: readonly number[]): PeriodPart[] => materials.map((material) => ({ material, variation: 0, label: LETTERS[material] }));
  switch (form) {
    case 'THEME_AND_VARIATIONS':
      return Array.from({ length: count }, (_, i) => ({ material: 0, variation: i, label: i === 0 ? 'A' : `A${i}` }));
    case 'VERSE_CHORUS': {
      const materials = count % 2 === 1 ? [1, ...cycle([0, 1], count - 1)] : cycle([0, 1], count);
      return materials.map((material) => ({ material, variation: 0, label: material === 0 ? 'V' : 'C' }));
    }
    case 'ABAC': {
      const materials = count === 2 ? [0, 1] : cycle([0, 1, 0, 2], count);
      if (materials.length > 2 && materials[materials.length - 1] === 1) materials[materials.length - 1] = 0;
      return plain(materials);
    }
    case 'AABA': {
      if (count === 2)
        return [
          { material: 0, variation: 0, label: 'A' },
          { material: 0, variation: 1, label: 'A1' },
        ];
      const materials = count === 3 ? [0, 1, 0] : cycle([0, 0, 1, 0], count);
      materials[materials.length - 1] = 0;
      return plain(materials);
    }
  }
}

interface PhraseSkeleton {
  sectionIndex: number;
  startBar: number;
  bars: number;
  kind: PhraseKind;
  period: number;
}

/** Phrases of every section, grouped into periods: an antecedent opens one, a consequent closes it. */
export function phraseSkeletons(sections: readonly SectionPlan[]): { phrases: PhraseSkeleton[]; periods: number } {
  const phrases: PhraseSkeleton[] = [];
  let period = -1;
  let open = false;
  for (let sectionIndex = 0; sectionIndex < sections.length; sectionIndex++) {
    const section = sections[sectionIndex];
    const units = Math.floor(section.bars / 4);
    const kinds = phraseKinds(units);
    let startBar = section.startBar;
    open = false;
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[k];
      const bars = units === 0 ? section.bars : k === kinds.length - 1 ? section.bars - 4 * (units - 1) : 4;
      if (!open || kind === 'ANTECEDENT') period++;
      open = kind !== 'CONSEQUENT';
      phrases.push({ sectionIndex, startBar, bars, kind, period });
      startBar += bars;
    }
  }
  return { phrases, periods: period + 1 };
}
