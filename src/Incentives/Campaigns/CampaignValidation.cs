using System.Collections.Generic;
using System.Text;
using FluentValidation;
using FluentValidation.Results;

namespace Incentives.Campaigns;

/// <summary>Builds the one <see cref="ValidationException"/> that lists every failure as <c>path: message</c>.</summary>
internal static class CampaignValidation
{
    public static ValidationException Exception(string title, IReadOnlyCollection<ValidationFailure> failures)
    {
        var message = new StringBuilder(title);
        foreach (var failure in failures)
        {
            message.Append("\n  ").Append(failure.PropertyName).Append(": ").Append(failure.ErrorMessage);
        }

        return new ValidationException(message.ToString(), failures);
    }

    public static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : path[0] == '[' ? prefix + path : prefix + "." + path;
}
