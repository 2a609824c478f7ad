using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Incentives.Samples.WebApi;

/// <summary>Reads request bodies with the web defaults (camelCase), rejecting unknown properties.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the body; an empty body gives <c>default</c>, malformed JSON gives the error (path and message).</summary>
    public static async Task<(T? Value, string? ErrorPath, string? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(text, Options), null, null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, path, "The body is not valid JSON for this request: " + e.Message);
        }
    }
}
