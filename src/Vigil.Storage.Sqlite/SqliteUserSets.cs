using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Vigil.Core.Ingest;
using Vigil.Core.Metrics;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// Distinct users per minute, local hour and local day, kept as sets of small integers. Each project numbers its
/// users once (<c>user_numbers</c>); a bucket's members are stored as append-only chunks of new member numbers
/// (<c>bucket_members</c>), and its size is counted in <c>user_counts</c>. A commit therefore writes one chunk per
/// bucket it touched instead of a B-tree row per user and bucket.
/// </summary>
/// <remarks>
/// The caches below mirror committed rows plus the current transaction's. They are only valid because this is the
/// file's one writer and because the writer, caches included, is thrown away when a write fails.
/// </remarks>
internal sealed class SqliteUserSets : IDisposable
{
    /// <summary>Past this many cached members, the bucket cache starts afresh and reloads buckets as they are touched.</summary>
    private const int MaxCachedMembers = 4_000_000;
    private const int MaxCachedNumbers = 2_000_000;

    private readonly SqliteCommand _findNumber;
    private readonly SqliteCommand _lastNumber;
    private readonly SqliteCommand _insertNumber;
    private readonly SqliteCommand _readMembers;
    private readonly SqliteCommand _insertMembers;
    private readonly SqliteCommand _addUserCount;
    private readonly Dictionary<(long ProjectId, string DistinctId), int> _numbers = new();
    private readonly Dictionary<long, int> _nextNumbers = new();
    private readonly Dictionary<MemberBucket, BucketMembers> _buckets = new();
    private int _cachedMembers;

    private readonly record struct MemberBucket(long ProjectId, int Granularity, long Bucket);

    private sealed class BucketMembers
    {
        public HashSet<int> Members { get; } = new();
        public int Chunks { get; set; }
    }

    public SqliteUserSets(SqliteConnection connection)
    {
        _findNumber = SqliteCommands.Prepare(connection, "SELECT number FROM user_numbers WHERE project_id = $p AND distinct_id = $d", "$p", "$d");
        _lastNumber = SqliteCommands.Prepare(connection, "SELECT MAX(number) FROM user_numbers WHERE project_id = $p", "$p");
        _insertNumber = SqliteCommands.Prepare(connection, "INSERT INTO user_numbers (project_id, distinct_id, number) VALUES ($p, $d, $n)", "$p", "$d", "$n");
        _readMembers = SqliteCommands.Prepare(connection, "SELECT members FROM bucket_members WHERE project_id = $p AND granularity = $g AND bucket = $b", "$p", "$g", "$b");
        _insertMembers = SqliteCommands.Prepare(connection, "INSERT INTO bucket_members (project_id, granularity, bucket, chunk, members) VALUES ($p, $g, $b, $c, $m)", "$p", "$g", "$b", "$c", "$m");
        _addUserCount = SqliteCommands.Prepare(connection,
            "INSERT INTO user_counts (project_id, granularity, bucket, users) VALUES ($p, $g, $b, $c) ON CONFLICT DO UPDATE SET users = users + excluded.users",
            "$p", "$g", "$b", "$c");
    }

    private IEnumerable<SqliteCommand> Commands => [_findNumber, _lastNumber, _insertNumber, _readMembers, _insertMembers, _addUserCount];

    /// <summary>Adds the batch's users to their buckets within the transaction.</summary>
    public void Write(RollupSet rollups, SqliteTransaction transaction)
    {
        foreach (var command in Commands)
        {
            command.Transaction = transaction;
        }
        var batch = new Dictionary<MemberBucket, List<int>>();
        foreach (var user in rollups.UserMinutes)
        {
            Add(batch, new MemberBucket(user.ProjectId, (int)Granularity.Minute, user.BucketStart.ToUnixTimeSeconds()), Number(user.ProjectId, user.DistinctId));
        }
        foreach (var user in rollups.UserHours)
        {
            Add(batch, new MemberBucket(user.ProjectId, (int)Granularity.Hour, user.BucketStart.ToUnixTimeSeconds()), Number(user.ProjectId, user.DistinctId));
        }
        foreach (var user in rollups.UserDays)
        {
            Add(batch, new MemberBucket(user.ProjectId, (int)Granularity.Day, user.LocalDate.DayNumber), Number(user.ProjectId, user.DistinctId));
        }
        if (_cachedMembers > MaxCachedMembers)
        {
            _buckets.Clear();
            _cachedMembers = 0;
        }
        foreach (var (bucket, numbers) in batch)
        {
            var known = Load(bucket);
            var added = numbers.Where(known.Members.Add).ToArray();
            if (added.Length == 0)
            {
                continue;
            }
            _cachedMembers += added.Length;
            Array.Sort(added);
            SqliteCommands.Run(_insertMembers, bucket.ProjectId, bucket.Granularity, bucket.Bucket, known.Chunks++, Encode(added));
            SqliteCommands.Run(_addUserCount, bucket.ProjectId, bucket.Granularity, bucket.Bucket, added.Length);
        }
    }

    /// <summary>Members are sorted 32-bit little-endian user numbers.</summary>
    public static byte[] Encode(ReadOnlySpan<int> members)
    {
        var chunk = new byte[members.Length * 4];
        for (var index = 0; index < members.Length; index++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(index * 4), members[index]);
        }
        return chunk;
    }

    public static void Decode(ReadOnlySpan<byte> chunk, ISet<int> into)
    {
        for (var offset = 0; offset + 4 <= chunk.Length; offset += 4)
        {
            into.Add(BinaryPrimitives.ReadInt32LittleEndian(chunk[offset..]));
        }
    }

    public void Dispose()
    {
        foreach (var command in Commands)
        {
            command.Dispose();
        }
    }

    private static void Add(Dictionary<MemberBucket, List<int>> batch, MemberBucket bucket, int number)
    {
        if (!batch.TryGetValue(bucket, out var numbers))
        {
            numbers = [];
            batch[bucket] = numbers;
        }
        numbers.Add(number);
    }

    /// <summary>The user's number in the project, numbering a new user within the transaction of the last <see cref="Write"/>.</summary>
    public int Number(long projectId, string distinctId)
    {
        if (_numbers.TryGetValue((projectId, distinctId), out var number))
        {
            return number;
        }
        SqliteCommands.Bind(_findNumber, projectId, distinctId);
        if (_findNumber.ExecuteScalar() is long stored)
        {
            number = (int)stored;
        }
        else
        {
            if (!_nextNumbers.TryGetValue(projectId, out number))
            {
                SqliteCommands.Bind(_lastNumber, projectId);
                number = _lastNumber.ExecuteScalar() is long last ? (int)last + 1 : 0;
            }
            _nextNumbers[projectId] = number + 1;
            SqliteCommands.Run(_insertNumber, projectId, distinctId, number);
        }
        if (_numbers.Count >= MaxCachedNumbers)
        {
            _numbers.Clear();
        }
        _numbers[(projectId, distinctId)] = number;
        return number;
    }

    private BucketMembers Load(MemberBucket bucket)
    {
        if (_buckets.TryGetValue(bucket, out var members))
        {
            return members;
        }
        members = new BucketMembers();
        SqliteCommands.Bind(_readMembers, bucket.ProjectId, bucket.Granularity, bucket.Bucket);
        using (var reader = _readMembers.ExecuteReader())
        {
            while (reader.Read())
            {
                Decode((byte[])reader.GetValue(0), members.Members);
                members.Chunks++;
            }
        }
        _cachedMembers += members.Members.Count;
        _buckets[bucket] = members;
        return members;
    }
}
