using System.Buffers.Binary;
using System.Globalization;

namespace Vigil.Storage.ClickHouse.Spool;

/// <summary>A place in the spool: the byte offset in one numbered segment file.</summary>
internal readonly record struct SpoolPosition(long Segment, long Offset) : IComparable<SpoolPosition>
{
    public int CompareTo(SpoolPosition other) => Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator <(SpoolPosition left, SpoolPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(SpoolPosition left, SpoolPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(SpoolPosition left, SpoolPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SpoolPosition left, SpoolPosition right) => left.CompareTo(right) >= 0;
}

/// <summary>One appended payload and the position just after it.</summary>
internal sealed record SpoolRecord(SpoolPosition End, byte[] Payload);

/// <summary>
/// The node's local, durable queue of acknowledged batches on their way to ClickHouse: append-only segment files of
/// records (length, CRC-32C, payload), each appended record fsynced before the append returns, and a small
/// <c>shipped</c> file saying how far the records are known to be in ClickHouse. One writer appends; one shipper
/// reads and marks. A crash can tear only the last record, which was never acknowledged; opening cuts it off.
/// </summary>
internal sealed class IngestSpool : IDisposable
{
    public const long DefaultSegmentBytes = 64L << 20;
    private const int HeaderBytes = 8;
    private const string SegmentExtension = ".spool";

    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly Lock _lock = new();
    private FileStream _segment;
    private long _segmentNumber;
    private SpoolPosition _appended;
    private SpoolPosition _shipped;
    private TaskCompletionSource _appendSignal = NewSignal();

    private IngestSpool(string directory, long segmentBytes, FileStream segment, long segmentNumber, SpoolPosition appended, SpoolPosition shipped)
    {
        _directory = directory;
        _segmentBytes = segmentBytes;
        _segment = segment;
        _segmentNumber = segmentNumber;
        _appended = appended;
        _shipped = shipped;
    }

    public SpoolPosition Shipped
    {
        get
        {
            lock (_lock)
            {
                return _shipped;
            }
        }
    }

    public long SegmentBytes => _segmentBytes;

    public SpoolPosition Appended
    {
        get
        {
            lock (_lock)
            {
                return _appended;
            }
        }
    }

    public static IngestSpool Open(string directory, long segmentBytes = DefaultSegmentBytes)
    {
        Directory.CreateDirectory(directory);
        var shipped = ReadShipped(directory);
        var segments = SegmentNumbers(directory);
        foreach (var stale in segments.Where(number => number < shipped.Segment))
        {
            File.Delete(SegmentPath(directory, stale));
        }
        segments = segments.Where(number => number >= shipped.Segment).ToList();
        var last = segments.Count == 0 ? Math.Max(1, shipped.Segment) : segments[^1];
        foreach (var number in segments.Where(number => number != last))
        {
            var end = ValidLength(SegmentPath(directory, number));
            if (end != new FileInfo(SegmentPath(directory, number)).Length)
            {
                throw new InvalidDataException($"Spool segment {SegmentPath(directory, number)} is damaged at byte {end}, before the last segment.");
            }
        }
        var path = SegmentPath(directory, last);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var valid = ValidLength(path);
        if (stream.Length != valid)
        {
            // The tail of an append that never finished: it was never acknowledged.
            stream.SetLength(valid);
            stream.Flush(flushToDisk: true);
        }
        stream.Seek(valid, SeekOrigin.Begin);
        if (shipped.Segment < 1)
        {
            shipped = new SpoolPosition(segments.Count == 0 ? last : segments[0], 0);
        }
        return new IngestSpool(directory, segmentBytes, stream, last, new SpoolPosition(last, valid), shipped);
    }

    /// <summary>Appends one record and returns once it is on disk.</summary>
    public void Append(ReadOnlySpan<byte> payload)
    {
        if (_segment.Length >= _segmentBytes)
        {
            StartNextSegment();
        }
        var header = new byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), Crc32C.Compute(payload));
        _segment.Write(header);
        _segment.Write(payload);
        _segment.Flush(flushToDisk: true);
        TaskCompletionSource signal;
        lock (_lock)
        {
            _appended = new SpoolPosition(_segmentNumber, _segment.Position);
            signal = _appendSignal;
            _appendSignal = NewSignal();
        }
        signal.TrySetResult();
    }

    /// <summary>Completes at the next append (or at once when records wait beyond <paramref name="after"/>).</summary>
    public Task WaitForAppendAsync(SpoolPosition after, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _appended > after ? Task.CompletedTask : _appendSignal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Records after <paramref name="from"/>, in order, until about <paramref name="maxBytes"/> of payload.</summary>
    public IReadOnlyList<SpoolRecord> Read(SpoolPosition from, long maxBytes)
    {
        var appended = Appended;
        var records = new List<SpoolRecord>();
        var position = from;
        long bytes = 0;
        while (position < appended && bytes < maxBytes)
        {
            var path = SegmentPath(_directory, position.Segment);
            var segmentEnd = position.Segment == appended.Segment ? appended.Offset : new FileInfo(path).Length;
            if (position.Offset >= segmentEnd)
            {
                position = new SpoolPosition(position.Segment + 1, 0);
                continue;
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(position.Offset, SeekOrigin.Begin);
            var header = new byte[HeaderBytes];
            while (position.Offset < segmentEnd && bytes < maxBytes)
            {
                stream.ReadExactly(header);
                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                var payload = new byte[length];
                stream.ReadExactly(payload);
                if (Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
                {
                    throw new InvalidDataException($"Spool record at {path}:{position.Offset} fails its checksum.");
                }
                position = new SpoolPosition(position.Segment, position.Offset + HeaderBytes + length);
                records.Add(new SpoolRecord(position, payload));
                bytes += length;
            }
        }
        return records;
    }

    /// <summary>Records everything up to <paramref name="position"/> as in ClickHouse, and deletes segments left behind.</summary>
    public void MarkShipped(SpoolPosition position)
    {
        var temporary = Path.Combine(_directory, "shipped.tmp");
        var bytes = new byte[20];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, position.Segment);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), position.Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), Crc32C.Compute(bytes.AsSpan(0, 16)));
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path.Combine(_directory, "shipped"), overwrite: true);
        long current;
        lock (_lock)
        {
            _shipped = position;
            current = _segmentNumber;
        }
        foreach (var number in SegmentNumbers(_directory).Where(number => number < position.Segment && number < current))
        {
            File.Delete(SegmentPath(_directory, number));
        }
    }

    public void Dispose() => _segment.Dispose();

    private void StartNextSegment()
    {
        var next = _segmentNumber + 1;
        var stream = new FileStream(SegmentPath(_directory, next), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        _segment.Dispose();
        _segment = stream;
        lock (_lock)
        {
            _segmentNumber = next;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string SegmentPath(string directory, long number) =>
        Path.Combine(directory, number.ToString("D12", CultureInfo.InvariantCulture) + SegmentExtension);

    private static List<long> SegmentNumbers(string directory) =>
        Directory.EnumerateFiles(directory, "*" + SegmentExtension)
            .Select(path => long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1)
            .Where(number => number > 0)
            .Order()
            .ToList();

    private static SpoolPosition ReadShipped(string directory)
    {
        var path = Path.Combine(directory, "shipped");
        if (!File.Exists(path))
        {
            return new SpoolPosition(0, 0);
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != 20 || Crc32C.Compute(bytes.AsSpan(0, 16)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)))
        {
            throw new InvalidDataException($"{path} is damaged; it should hold the shipped spool position.");
        }
        return new SpoolPosition(BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
    }

    /// <summary>The length of the run of whole, intact records at the start of a segment file.</summary>
    private static long ValidLength(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[HeaderBytes];
        long valid = 0;
        while (valid + HeaderBytes <= stream.Length)
        {
            stream.Seek(valid, SeekOrigin.Begin);
            stream.ReadExactly(header);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length < 0 || valid + HeaderBytes + length > stream.Length)
            {
                break;
            }
            var payload = new byte[length];
            stream.ReadExactly(payload);
            if (Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
            {
                break;
            }
            valid += HeaderBytes + length;
        }
        return valid;
    }
}
