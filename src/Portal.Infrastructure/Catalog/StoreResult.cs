using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public sealed record StoreResult<T>(StoreOutcome Outcome, T? Value, IReadOnlyList<FieldError> Errors, RuleDetail? Current = null)
{
    public bool Succeeded => Outcome is StoreOutcome.Saved or StoreOutcome.Unchanged;

    public static StoreResult<T> Ok(T value, bool changed = true) => new(changed ? StoreOutcome.Saved : StoreOutcome.Unchanged, value, []);

    public static StoreResult<T> Invalid(IReadOnlyList<FieldError> errors) => new(StoreOutcome.Invalid, default, errors);

    public static StoreResult<T> Invalid(string field, string message) => new(StoreOutcome.Invalid, default, [new FieldError(field, message)]);

    public static StoreResult<T> Forbidden(string reason) => new(StoreOutcome.Forbidden, default, [new FieldError("access", reason)]);

    public static StoreResult<T> NotFound(string what) => new(StoreOutcome.NotFound, default, [new FieldError("id", what + " not found")]);

    public static StoreResult<T> Conflict(RuleDetail? current) =>
        new(StoreOutcome.Conflict, default, [new FieldError("version", "Someone else changed this since you opened it.")], current);
}
