namespace ComplaintFlow.Core.Triage;

/// <summary>
/// The learned model's view of a text: hashed n-grams, no vocabulary and no segmenter. Characters are folded as the
/// lexicon folds them (<see cref="TextFold"/>: lower case, half-width, traditional → simplified, so a Cantonese or
/// traditional complaint shares features with simplified Chinese). Chinese gives character 1-, 2- and 3-grams
/// within a run of Han characters; English gives words, word pairs and character 3- to 5-grams of each word with
/// its boundaries (<c>&lt;refund&gt;</c>), which catch endings and misspellings ("refund", "refunded", "refnd").
/// Each feature is an index into 2^bits buckets; collisions are accepted (that is the trade for a small model).
/// </summary>
public static class TextFeatures
{
    private const uint FnvPrime = 16777619;

    // Different seeds keep a word from colliding on purpose with the same letters as a character n-gram.
    private const uint HanSeed = 0x9E3779B9;
    private const uint WordSeed = 0x85EBCA6B;
    private const uint PairSeed = 0xC2B2AE35;
    private const uint GramSeed = 0x27D4EB2F;

    private const int MaxWordLength = 40;

    // The most one character can add: a whole word ends there (word, pair, 3 n-grams per padded position).
    private const int MaxFeaturesPerCharacter = 2 + (3 * (MaxWordLength + 2));

    /// <summary>Adds the feature indices of <paramref name="text"/> (with repeats) to <paramref name="features"/>.</summary>
    public static void Extract(ReadOnlySpan<char> text, int bits, List<int> features)
    {
        var buffer = new int[256];
        var count = Extract(text, bits, ref buffer);
        features.AddRange(buffer.AsSpan(0, count));
    }

    /// <summary>
    /// Writes the feature indices into <paramref name="buffer"/> (grown when the text needs more) and returns how
    /// many; the count stays in a register, which matters at a few thousand features per complaint.
    /// </summary>
    internal static int Extract(ReadOnlySpan<char> text, int bits, ref int[] buffer)
    {
        var mask = (1 << bits) - 1;
        var fold = TextFold.FoldTable;
        Span<char> word = stackalloc char[MaxWordLength + 2];
        var wordLength = 0;
        var n = 0;
        uint previousWord = 0;
        // The hashes of the last Han unigram and bigram: a bigram is the previous unigram's hash mixed with this
        // character, a trigram the previous bigram's (0: none, at the start of a run).
        uint hanUnigram = 0, hanBigram = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (n + MaxFeaturesPerCharacter > buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var c = i < text.Length ? fold[text[i]] : ' ';
            if (IsHan(c))
            {
                var unigram = Mix(HanSeed, c);
                buffer[n++] = Bucket(unigram, mask);
                var bigram = 0u;
                if (hanUnigram != 0)
                {
                    bigram = Mix(hanUnigram, c);
                    buffer[n++] = Bucket(bigram, mask);
                    if (hanBigram != 0)
                    {
                        buffer[n++] = Bucket(Mix(hanBigram, c), mask);
                    }
                }

                hanUnigram = unigram | 1;
                hanBigram = bigram == 0 ? 0 : bigram | 1;
            }
            else
            {
                hanUnigram = hanBigram = 0;
            }

            if (char.IsAsciiLetterOrDigit(c) || (c == '\'' && wordLength > 0))
            {
                if (wordLength < MaxWordLength)
                {
                    word[++wordLength] = c;
                }

                continue;
            }

            if (wordLength > 0)
            {
                n = AddWord(word[..(wordLength + 2)], wordLength, ref previousWord, mask, buffer, n);
                wordLength = 0;
            }

            // Words pair across spaces only: punctuation and Chinese end the phrase.
            if (c != ' ')
            {
                previousWord = 0;
            }
        }

        return n;
    }

    private static int AddWord(Span<char> padded, int length, ref uint previousWord, int mask, int[] buffer, int n)
    {
        padded[0] = '<';
        padded[length + 1] = '>';
        var hash = WordSeed;
        for (var k = 1; k <= length; k++)
        {
            hash = Mix(hash, padded[k]);
        }

        buffer[n++] = Bucket(hash, mask);
        if (previousWord != 0)
        {
            buffer[n++] = Bucket(Mix(Mix(PairSeed, previousWord), hash), mask);
        }

        for (var start = 0; start + 3 <= padded.Length; start++)
        {
            var gram = Mix(Mix(Mix(GramSeed, padded[start]), padded[start + 1]), padded[start + 2]);
            buffer[n++] = Bucket(gram, mask);
            for (var size = 4; size <= 5 && start + size <= padded.Length; size++)
            {
                gram = Mix(gram, padded[start + size - 1]);
                buffer[n++] = Bucket(gram, mask);
            }
        }

        previousWord = hash;
        return n;
    }

    private static int Bucket(uint hash, int mask) => (int)(hash & (uint)mask);

    private static uint Mix(uint hash, uint value)
    {
        hash = (hash ^ value) * FnvPrime;
        return hash ^ (hash >> 15);
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
