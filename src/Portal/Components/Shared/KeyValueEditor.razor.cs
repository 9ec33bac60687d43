using Microsoft.AspNetCore.Components;

namespace Portal.Components.Shared;

/// <summary>
/// Edits an ordered list of name/value pairs. The list may hold what a finished map cannot (empty or
/// repeated names) while the user types; the owner decides what is valid and passes problems back
/// through <see cref="Errors"/>, keyed by name ("" for a row without one).
/// </summary>
public partial class KeyValueEditor
{
    private readonly List<int> _ids = [];
    private int _nextId;

    [Parameter]
    public IReadOnlyList<KeyValuePair<string, string>> Items { get; set; } = [];

    [Parameter]
    public EventCallback<IReadOnlyList<KeyValuePair<string, string>>> ItemsChanged { get; set; }

    [Parameter]
    public string Title { get; set; } = "";

    [Parameter]
    public string NameLabel { get; set; } = "Name";

    [Parameter]
    public string ValueLabel { get; set; } = "Value";

    [Parameter]
    public string EmptyText { get; set; } = "None.";

    /// <summary>Text areas for values that hold sentences (annotations) rather than one word.</summary>
    [Parameter]
    public bool MultilineValues { get; set; }

    [Parameter]
    public IReadOnlyDictionary<string, string>? Errors { get; set; }

    [Parameter]
    public string TestId { get; set; } = "key-value-editor";

    protected override void OnParametersSet()
    {
        // Rows keep their identity across edits so a text field is not recreated under the cursor;
        // a list that changed length from outside (a reload) starts over.
        if (_ids.Count != Items.Count)
        {
            _ids.Clear();
            for (var i = 0; i < Items.Count; i++)
            {
                _ids.Add(_nextId++);
            }
        }
    }

    private string? ErrorFor(string name) =>
        Errors is not null && Errors.TryGetValue(name.Trim(), out var error) ? error : null;

    private Task SetNameAsync(int index, string? name) =>
        ChangeAsync(items => items[index] = new(name ?? "", items[index].Value));

    private Task SetValueAsync(int index, string? value) =>
        ChangeAsync(items => items[index] = new(items[index].Key, value ?? ""));

    private Task AddAsync()
    {
        _ids.Add(_nextId++);
        return ChangeAsync(items => items.Add(new("", "")));
    }

    private Task RemoveAsync(int index)
    {
        _ids.RemoveAt(index);
        return ChangeAsync(items => items.RemoveAt(index));
    }

    private Task ChangeAsync(Action<List<KeyValuePair<string, string>>> change)
    {
        var items = Items.ToList();
        change(items);
        return ItemsChanged.InvokeAsync(items);
    }
}
