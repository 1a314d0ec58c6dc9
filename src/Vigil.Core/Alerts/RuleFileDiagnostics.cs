using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Core.Alerts;

/// <summary>Collects a rule file's errors and reads YAML nodes, reporting a node of the wrong shape where it stands.</summary>
internal sealed class RuleFileDiagnostics
{
    private readonly List<RuleFileError> _errors = [];

    public int Count => _errors.Count;

    public void Add(Mark at, string message) => Add(at.Line, at.Column, message);

    public void Add(YamlNode node, string message) => Add(node.Start, message);

    public void Add(long line, long column, string message) =>
        _errors.Add(new RuleFileError((int)Math.Clamp(line, 1, int.MaxValue), (int)Math.Clamp(column, 1, int.MaxValue), message));

    /// <summary>
    /// By position; an alias reads the same node twice, so its errors would otherwise repeat. Errors at one position
    /// keep the order they were found in.
    /// </summary>
    public IReadOnlyList<RuleFileError> Sorted() =>
        _errors.Distinct().OrderBy(error => error.Line).ThenBy(error => error.Column).ToList();

    /// <summary>Empty, <c>~</c> or <c>null</c> written plainly: YAML's null, e.g. <c>alerts:</c> with nothing after it.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>The mapping's entries whose keys are text; any other key is reported and skipped.</summary>
    public IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode mapping)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: not null } text)
            {
                yield return (text, value);
            }
            else
            {
                Add(key, "keys must be plain text");
            }
        }
    }

    public YamlMappingNode? Mapping(YamlNode node, string what, string example)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }
        Add(node, $"{what} must be a mapping of keys to values, e.g. {example}");
        return null;
    }

    /// <summary>Null (the section is empty) gives an empty list; anything but a sequence is reported.</summary>
    public IReadOnlyList<YamlNode>? Sequence(YamlNode node, string what, string example)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                return sequence.Children.ToList();
            case var _ when IsNull(node):
                return [];
            default:
                Add(node, $"{what} must be a list, e.g. {example}");
                return null;
        }
    }

    /// <summary>A non-empty text value; null after reporting anything else.</summary>
    public string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar && !IsNull(node) && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value;
        }
        Add(node, node is YamlScalarNode ? $"{what} is empty" : $"{what} must be a single value, not a list or mapping");
        return null;
    }

    public void UnknownKey(YamlScalarNode key, string where, IEnumerable<string> allowed) =>
        Add(key, $"unknown key '{key.Value}' in {where}; allowed: {string.Join(", ", allowed)}");
}
