namespace Portal.Domain.Templates;

/// <summary>The parsed templates: the main tree and any {{define}}d ones.</summary>
internal sealed record ParsedTemplate(ListNode Root, IReadOnlyDictionary<string, ListNode> Defined);
