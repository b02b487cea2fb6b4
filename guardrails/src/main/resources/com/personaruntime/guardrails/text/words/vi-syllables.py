"""Regenerates vi-syllables.txt (see README.md). Run from the repository root."""
import collections, glob, re, unicodedata

W = 'guardrails/src/main/resources/com/personaruntime/guardrails/text/words/'
files = ['runtime/src/test/resources/insights/sentiment-eval.tsv', 'runtime/src/main/resources/insights/sentiment-lexicon.txt',
         'composer/src/main/resources/com/personaruntime/composer/abbreviations.tsv',
         'guardrails/src/test/resources/corpus/guardrails-corpus.txt', 'guardrails/training/heldout-round3.tsv',
         'guardrails/training/injection-extra.tsv', 'guardrails/src/main/resources/com/personaruntime/guardrails/text/teencode/vi.txt'] \
    + sorted(glob.glob('guardrails/src/main/resources/com/personaruntime/guardrails/rails/lexicon/*/*vi*.txt'))
VI = re.compile('[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]')
english = set(open(W + 'en.txt').read().split())
seen = collections.Counter()
for f in files:
    for line in open(f, encoding='utf-8'):
        low = line.lower()
        if not VI.search(low):
            continue
        for t in re.findall(r'\w+', low):
            marked = bool(VI.search(t))
            t = ''.join(ch for ch in unicodedata.normalize('NFD', t.replace('đ', 'd')) if unicodedata.category(ch) != 'Mn')
            if re.fullmatch('[a-z]{1,7}', t) and (marked or t not in english):
                seen[t] += 1
with open(W + 'vi-syllables.txt', 'w') as out:
    out.write('# Vietnamese syllables of this repository\'s Vietnamese text, folded to a-z (README.md; vi-syllables.py).\n')
    for w in sorted(seen):
        out.write(w + '\n')
print(len(seen), 'syllables')
