using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Incidents;
using Portal.Security;

namespace Portal.Features.Incidents;

/// <summary>The severity levels as one set, gravest first: Admins edit and save it whole; everyone else reads it.</summary>
public partial class SeverityLevelsPage : PortalComponent
{
    private List<Row> _rows = [];
    private IReadOnlyList<FieldError> _errors = [];

    [Inject]
    public required IIncidentStore Store { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    private string? ReadOnlyReason => User.Refusal(PortalAction.ManageSettings);

    /// <summary>One level as the form holds it: the response time in minutes, the label values as typed.</summary>
    internal sealed class Row
    {
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public double Minutes { get; set; } = 60;
        public string Labels { get; set; } = "";

        public static Row From(SeverityLevel level) => new()
        {
            Name = level.Name,
            Description = level.Description,
            Minutes = level.ExpectedResponse.TotalMinutes,
            Labels = string.Join(", ", level.LabelValues),
        };

        public SeverityLevel ToLevel(int rank) => new(Name.Trim(), Description.Trim(),
            TimeSpan.FromMinutes(double.IsFinite(Minutes) ? Math.Clamp(Minutes, -1, TimeSpan.FromDays(365).TotalMinutes) : 0),
            Labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), rank);
    }

    protected override Task OnInitializedAsync() =>
        RunAsync(async ct => _rows = (await Store.SeverityLevelsAsync(ct)).OrderBy(l => l.Rank).Select(Row.From).ToList(), "The severity levels could not be loaded");

    private async Task SaveAsync()
    {
        if (Busy || ReadOnlyReason is not null)
        {
            return;
        }

        var levels = _rows.Select((row, i) => row.ToLevel(i + 1)).ToList();
        _errors = SeverityLevels.Validate(levels);
        if (_errors.Count > 0)
        {
            return;
        }

        StoreResult<IReadOnlyList<SeverityLevel>>? result = null;
        await RunAsync(async ct => result = await Store.SaveSeverityLevelsAsync(levels, User.Caller, ct), "Not saved", Toast);
        if (result is { Succeeded: true, Value: { } saved })
        {
            _rows = saved.OrderBy(l => l.Rank).Select(Row.From).ToList();
            Snackbar.Add("Saved the severity levels", Severity.Success);
        }
        else if (result is not null)
        {
            _errors = result.Errors;
        }
    }
}
