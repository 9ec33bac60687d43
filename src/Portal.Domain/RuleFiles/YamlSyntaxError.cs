using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Domain.RuleFiles;

internal sealed record YamlSyntaxError(int Line, int Column, string Message);
