// Sorting names in code-unit order (what `sort()` does with strings, and what js-yaml's sortKeys and the KFP
// compiler's sorted lists give) without the work array `sort()` allocates: most lists sorted while compiling or
// writing a pipeline hold a handful of names, and there are thousands of them.
const BY_INSERTION = 16;

/** Sorts `names` in place and returns it: a short list by insertion, a longer one by `sort()`. */
export function sortNamesInPlace(names: string[]): string[] {
  if (names.length > BY_INSERTION) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const name = names[i] as string;
    let j = i - 1;
    for (; j >= 0 && (names[j] as string) > name; j--) names[j + 1] = names[j] as string;
    names[j + 1] = name;
  }
  return names;
}
