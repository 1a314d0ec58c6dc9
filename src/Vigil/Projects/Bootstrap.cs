using Microsoft.AspNetCore.Identity;
using Vigil.Core.Projects;
using Vigil.Core.Storage;
using Vigil.Hosting;

namespace Vigil.Projects;

/// <summary>What a first start created: shown once, since the password and the admin token are stored only as hashes.</summary>
internal sealed record FirstStart(long ProjectId, string IngestKey, string AdminToken, string Email, string Password);

internal sealed class Bootstrap(IMetadataStore store, ProjectDirectory projects, VigilOptions options, IPasswordHasher<User> passwordHasher)
{
    public const string FirstProjectName = "My App";

    public async Task<FirstStart?> RunAsync(CancellationToken cancellationToken)
    {
        if (await store.HasUsersAsync(cancellationToken))
        {
            return null;
        }
        var password = ApiKeySecrets.NewPassword();
        // A first start that died before creating the owner left its project behind: finish that one.
        var project = (await store.ListProjectsAsync(cancellationToken)).FirstOrDefault()
            ?? await store.CreateProjectAsync(FirstProjectName, options.TimeZone, cancellationToken);
        var ingestKey = await projects.CreateIngestKeyAsync(project.Id, cancellationToken);
        var adminToken = await projects.CreateAdminTokenAsync(cancellationToken);
        // The owner is created last: a start that dies half-way is retried as a first start, with fresh keys.
        await store.CreateUserAsync(options.OwnerEmail, passwordHasher.HashPassword(null!, password), cancellationToken);
        return new FirstStart(project.Id, ingestKey, adminToken, options.OwnerEmail, password);
    }
}
