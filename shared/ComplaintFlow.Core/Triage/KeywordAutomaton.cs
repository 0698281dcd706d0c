namespace ComplaintFlow.Core.Triage;

/// <summary>One keyword found in a text: which pattern, and where (offsets in the original text).</summary>
public readonly record struct KeywordMatch(int Pattern, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Aho–Corasick over every keyword at once: one pass over the text whatever the number of keywords, no segmenter
/// needed for Chinese, no substrings allocated. Text is folded as it is read (<see cref="TextFold"/>). A keyword
/// starting or ending with an ASCII letter or digit only matches on word boundaries (so "fire" is not found in
/// "fired" nor "110" in "1100"); a trailing <c>*</c> after a letter lets it match any word ending ("refund*"),
/// while a <c>*</c> after anything else is part of the keyword (VADER's kiss emoticons <c>:*</c> and <c>(*</c>).
/// Addresses, handles and hashtags (<see cref="LinkTokens"/>) are stepped over, and a keyword written in digits
/// ("110", "12315") is not found in a quantity ("110分钟", "$110", <see cref="NumberContext"/>).
/// </summary>
public sealed class KeywordAutomaton
{
    private readonly int[] _rootNext;
    private readonly int[] _edgeStart;
    private readonly int[] _edgeCount;
    private readonly char[] _edgeChars;
    private readonly int[] _edgeTargets;
    private readonly int[] _fail;
    private readonly int[] _output;
    private readonly int[] _outputLink;
    private readonly int[] _patternLength;
    private readonly bool[] _boundaryStart;
    private readonly bool[] _boundaryEnd;
    private readonly bool[] _numeric;

    /// <param name="keywords">Keywords as written (folded here); their index is the pattern number reported.</param>
    public KeywordAutomaton(IReadOnlyList<string> keywords)
    {
        var children = new List<SortedDictionary<char, int>> { new() };
        var output = new List<int> { -1 };
        _patternLength = new int[keywords.Count];
        _boundaryStart = new bool[keywords.Count];
        _boundaryEnd = new bool[keywords.Count];
        _numeric = new bool[keywords.Count];
        for (var p = 0; p < keywords.Count; p++)
        {
            var raw = keywords[p].Trim();
            var prefix = IsWordEndingWildcard(raw);
            var keyword = TextFold.Fold(prefix ? raw[..^1] : raw);
            if (keyword.Length == 0)
            {
                throw new ArgumentException($"Keyword {p} is empty.", nameof(keywords));
            }

            _patternLength[p] = keyword.Length;
            _boundaryStart[p] = TextFold.IsWordCharacter(keyword[0]);
            _boundaryEnd[p] = !prefix && TextFold.IsWordCharacter(keyword[^1]);
            _numeric[p] = keyword.All(char.IsAsciiDigit);
            var node = 0;
            foreach (var c in keyword)
            {
                if (!children[node].TryGetValue(c, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    output.Add(-1);
                    children[node][c] = next;
                }

                node = next;
            }

            // The same keyword twice (in two lists) keeps the first; callers map patterns to meanings themselves.
            if (output[node] < 0)
            {
                output[node] = p;
            }
        }

        var count = children.Count;
        _rootNext = new int[char.MaxValue + 1];
        _edgeStart = new int[count];
        _edgeCount = new int[count];
        _edgeChars = new char[count - 1];
        _edgeTargets = new int[count - 1];
        var at = 0;
        for (var n = 0; n < count; n++)
        {
            _edgeStart[n] = at;
            _edgeCount[n] = children[n].Count;
            foreach (var (c, target) in children[n])
            {
                _edgeChars[at] = c;
                _edgeTargets[at] = target;
                at++;
            }
        }

        foreach (var (c, target) in children[0])
        {
            _rootNext[c] = target;
        }

        _fail = new int[count];
        _output = [.. output];
        _outputLink = new int[count];
        Array.Fill(_outputLink, -1);
        var queue = new Queue<int>();
        foreach (var target in children[0].Values)
        {
            queue.Enqueue(target);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in children[node])
            {
                var f = _fail[node];
                int next;
                while ((next = Step(f, c)) < 0 && f != 0)
                {
                    f = _fail[f];
                }

                _fail[child] = next > 0 && next != child ? next : 0;
                _outputLink[child] = _output[_fail[child]] >= 0 ? _fail[child] : _outputLink[_fail[child]];
                queue.Enqueue(child);
            }
        }
    }

    public int PatternCount => _patternLength.Length;

    /// <summary>"refund*" stands for refunds, refunded...; ":*" is an emoticon, not every word starting with a colon.</summary>
    public static bool IsWordEndingWildcard(string keyword) =>
        keyword.Length >= 2 && keyword[^1] == '*' && char.IsAsciiLetter(TextFold.Fold(keyword[^2]));

    /// <summary>Adds every match (overlapping ones too) to <paramref name="matches"/>, in order of their end.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<KeywordMatch> matches)
    {
        var fold = TextFold.FoldTable;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = fold[text[i]];
            if (c is '@' or '#' or 'h' or 'w' && LinkTokens.EndOf(text, i) is var linkEnd && linkEnd > i)
            {
                // A URL or a handle is one token: no keyword inside it, none running into it.
                state = 0;
                i = linkEnd - 1;
                continue;
            }

            int next;
            while ((next = Step(state, c)) < 0 && state != 0)
            {
                state = _fail[state];
            }

            state = next < 0 ? 0 : next;
            for (var node = _output[state] >= 0 ? state : _outputLink[state]; node > 0; node = _outputLink[node])
            {
                var pattern = _output[node];
                var start = i - _patternLength[pattern] + 1;
                if (_boundaryStart[pattern] && start > 0 && TextFold.IsWordCharacter(fold[text[start - 1]]))
                {
                    continue;
                }

                if (_boundaryEnd[pattern] && i + 1 < text.Length && TextFold.IsWordCharacter(fold[text[i + 1]]))
                {
                    continue;
                }

                if (_numeric[pattern] && NumberContext.IsQuantity(text, start, i + 1))
                {
                    continue;
                }

                matches.Add(new KeywordMatch(pattern, start, _patternLength[pattern]));
            }
        }
    }

    private int Step(int state, char c)
    {
        if (state == 0)
        {
            var root = _rootNext[c];
            return root == 0 ? -1 : root;
        }

        var low = _edgeStart[state];
        var high = low + _edgeCount[state] - 1;
        while (low <= high)
        {
            var mid = (low + high) >> 1;
            var edge = _edgeChars[mid];
            if (edge == c)
            {
                return _edgeTargets[mid];
            }

            if (edge < c)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return -1;
    }
}
