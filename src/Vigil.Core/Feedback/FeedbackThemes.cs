using System.Globalization;

namespace Vigil.Core.Feedback;

/// <param name="Count">How many texts mention the term (a text that repeats it counts once).</param>
public sealed record FeedbackTheme(string Term, int Count);

/// <summary>
/// The most frequent terms of a set of texts, in Korean and English, without a dictionary:
/// <list type="bullet">
/// <item>text is lower-cased, apostrophes dropped ("don't" is "dont"), and split into runs of letters and digits;</item>
/// <item>a Hangul word loses one trailing particle (에서, 으로, 까지 … when a syllable is left; 이, 가, 은, 는, 을, 를,
/// 에, 도, 로 … only when two syllables are left, so 속도 stays 속도 while 결제가 becomes 결제);</item>
/// <item>stop words of both languages, numbers and one-letter Latin words are dropped;</item>
/// <item>terms are the words left and the pairs of neighbouring different words left ("checkout slow" from "checkout is slow").</item>
/// </list>
/// A term counts once per text. The top list orders by count, a pair before a single word on a tie, and leaves out
/// a word that a pair already listed covers with the same count ("checkout" when "checkout slow" has all its mentions).
/// </summary>
public static class FeedbackThemes
{
    private static readonly string[] LongParticles = ["에서는", "으로는", "에서", "에게", "한테", "으로", "까지", "부터", "보다", "처럼", "이랑", "에는", "에도", "이나"];

    private static readonly string[] ShortParticles = ["은", "는", "이", "가", "을", "를", "에", "도", "로", "와", "과", "의", "만"];

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "before", "being", "but", "by", "can", "cant", "cannot", "could", "did", "didnt", "do", "does", "doesnt", "doing", "dont",
        "even", "every", "for", "from", "get", "gets", "got", "had", "has", "have", "having", "he", "her", "here", "him", "his",
        "how", "i", "id", "if", "im", "in", "into", "is", "isnt", "it", "its", "ive", "just", "like", "lot", "make", "me", "more",
        "most", "much", "my", "need", "no", "not", "of", "on", "once", "one", "only", "or", "other", "our", "out", "over",
        "please", "pretty", "quite", "really", "same", "she", "should", "so", "some", "still", "such", "than", "thank", "thanks",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "us", "very",
        "want", "was", "wasnt", "way", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with",
        "wont", "would", "you", "your",
        // Korean: adverbs, conjunctions, pronouns and the endings of "to be", "to have", "to do"
        "너무", "정말", "진짜", "좀", "더", "잘", "안", "못", "또", "및", "등", "것", "거", "수", "때", "제", "저", "나", "내",
        "우리", "이", "그", "저는", "제가", "저희", "나는", "그리고", "그런데", "근데", "하지만", "그래서", "그냥", "계속", "자꾸",
        "매우", "아주", "많이", "조금", "항상", "가끔", "다시", "이거", "그거", "이런", "그런", "어떤", "있어요", "있습니다",
        "없어요", "없습니다", "있는", "없는", "해요", "합니다", "했어요", "했습니다", "하는", "하고", "돼요", "됩니다", "되요",
        "같아요", "같습니다", "주세요", "해주세요", "부탁드립니다", "감사합니다", "요", "네",
    };

    public static IReadOnlyList<FeedbackTheme> Top(IEnumerable<string?> texts, int count)
    {
        var mentions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var term in Terms(text))
            {
                mentions[term] = mentions.GetValueOrDefault(term) + 1;
            }
        }
        var top = new List<FeedbackTheme>();
        foreach (var (term, mentioned) in mentions
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key.Contains(' ', StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (top.Count == count)
            {
                break;
            }
            var coveredByPair = !term.Contains(' ', StringComparison.Ordinal)
                && top.Any(theme => theme.Count == mentioned && theme.Term.Split(' ').Contains(term));
            if (!coveredByPair)
            {
                top.Add(new FeedbackTheme(term, mentioned));
            }
        }
        return top;
    }

    /// <summary>
    /// One text for each of the most frequent themes, no text twice: theme by theme in <see cref="Top"/>'s order, the
    /// first text in the order given that mentions it and was not taken for an earlier theme. A theme whose texts are
    /// all taken gives way to the next, so <paramref name="count"/> texts come back whenever as many themes allow it.
    /// </summary>
    /// <returns>The index of each text taken, with its theme.</returns>
    public static IReadOnlyList<(FeedbackTheme Theme, int Index)> TopTexts(IReadOnlyList<string?> texts, int count)
    {
        var terms = texts.Select(Terms).ToList();
        var taken = new List<(FeedbackTheme Theme, int Index)>(count);
        foreach (var theme in Top(texts, int.MaxValue))
        {
            if (taken.Count == count)
            {
                break;
            }
            var index = terms.FindIndex(textTerms => textTerms.Contains(theme.Term));
            while (index >= 0 && taken.Exists(pick => pick.Index == index))
            {
                index = terms.FindIndex(index + 1, textTerms => textTerms.Contains(theme.Term));
            }
            if (index >= 0)
            {
                taken.Add((theme, index));
            }
        }
        return taken;
    }

    /// <summary>The distinct terms of one text: its words and pairs of neighbouring words, as <see cref="Top"/> counts them.</summary>
    public static IReadOnlySet<string> Terms(string? text)
    {
        var words = Words(text);
        var terms = new HashSet<string>(words, StringComparer.Ordinal);
        for (var index = 1; index < words.Count; index++)
        {
            if (words[index - 1] != words[index])
            {
                terms.Add(words[index - 1] + " " + words[index]);
            }
        }
        return terms;
    }

    /// <summary>The words of a text that can name a theme, in order.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }
        var cleaned = text.ToLower(CultureInfo.InvariantCulture).Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal);
        var start = -1;
        for (var index = 0; index <= cleaned.Length; index++)
        {
            var inWord = index < cleaned.Length && char.IsLetterOrDigit(cleaned[index]);
            if (inWord && start < 0)
            {
                start = index;
            }
            else if (!inWord && start >= 0)
            {
                if (Keep(cleaned[start..index]) is { } word)
                {
                    words.Add(word);
                }
                start = -1;
            }
        }
        return words;
    }

    private static string? Keep(string token)
    {
        if (StopWords.Contains(token) || token.All(char.IsDigit))
        {
            return null;
        }
        if (!IsHangul(token))
        {
            return token.Length < 2 ? null : token;
        }
        var stem = WithoutParticle(token);
        return StopWords.Contains(stem) ? null : stem;
    }

    private static string WithoutParticle(string word)
    {
        foreach (var particle in LongParticles)
        {
            if (word.Length > particle.Length && word.EndsWith(particle, StringComparison.Ordinal))
            {
                return word[..^particle.Length];
            }
        }
        foreach (var particle in ShortParticles)
        {
            if (word.Length > particle.Length + 1 && word.EndsWith(particle, StringComparison.Ordinal))
            {
                return word[..^particle.Length];
            }
        }
        return word;
    }

    private static bool IsHangul(string word) => word.All(letter => letter is >= '\uAC00' and <= '\uD7A3');
}
