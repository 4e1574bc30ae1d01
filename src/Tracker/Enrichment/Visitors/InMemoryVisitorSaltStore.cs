using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace UsageDashboard.Tracker.Enrichment.Visitors;

/// <summary>Salts held in process memory: one instance only, lost on restart.</summary>
internal sealed class InMemoryVisitorSaltStore : IVisitorSaltStore
{
    private readonly ConcurrentDictionary<DateOnly, byte[]> _salts = new();

    public IReadOnlyCollection<DateOnly> Days => [.. _salts.Keys];

    public Task<byte[]> GetOrCreateAsync(DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult(_salts.GetOrAdd(day, _ => RandomNumberGenerator.GetBytes(32)));

    public Task DeleteBeforeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        foreach (var key in _salts.Keys.Where(k => k < day))
        {
            _salts.TryRemove(key, out _);
        }
        return Task.CompletedTask;
    }
}
