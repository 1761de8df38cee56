// Ingest throughput for `make bench`: streams FILE through MAPPING with OrgReadiness's real
// ingest (libxml2 SAX2 + compiled mapping + canonical records) ROUNDS times and prints one line
// per round in the C baseline's format: bytes seconds records checksum.
import Dispatch
import Foundation
import OrgReadiness
import OrgReadinessIngest

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  FileHandle.standardError.write(Data("usage: ingest-bench FILE MAPPING [ROUNDS]\n".utf8))
  exit(2)
}
let path = arguments[1]
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
// `ingest-bench FILE MAPPING ROUNDS reader`: only the streaming reader (parse, match, capture the
// mapped values), without building canonical records: the work the C baseline does.
let readerOnly = arguments.count > 4 && arguments[4] == "reader"
// `ingest-bench FILE MAPPING ROUNDS resolve`: ingests a job history once (as of 2026-11-25), then
// resolves it ROUNDS times, printing per round: events, wall seconds, CPU seconds of the process
// (both cores), people resolved, a checksum of their states.
let resolveOnly = arguments.count > 4 && arguments[4] == "resolve"

func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

do {
  let mapping = try MappingLoader.load(path: arguments[2]).mapping
  if resolveOnly {
    guard let asOf = CalendarDate(year: 2026, month: 11, day: 25) else { exit(2) }
    let store = try Ingest.jobHistory(path: path, mapping: mapping, input: 0, asOf: asOf).store
    for _ in 0..<rounds {
      let start = DispatchTime.now().uptimeNanoseconds
      let cpu = cpuSeconds()
      let history = resolveJobHistory(store, directory: [])
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      let used = cpuSeconds() - cpu
      var checksum: UInt64 = 0xcbf2_9ce4_8422_2325
      for state in history.people.values.sorted(by: { $0.personID < $1.personID }) {
        let roleStart = Int64(state.roleStart?.daysSinceEpoch ?? -1)
        let flags: Int64 = (state.isActive ? 2 : 0) | (state.isPeopleLeader ? 1 : 0)
        checksum = (checksum ^ UInt64(bitPattern: roleStart << 2 | flags)) &* 0x100_0000_01b3
      }
      let wall = String(format: "%.6f", seconds)
      let cpuText = String(format: "%.3f", used)
      print("\(store.count) \(wall) \(cpuText) \(history.people.count) \(String(checksum, radix: 16))")
    }
    exit(0)
  }
  for _ in 0..<rounds {
    let start = DispatchTime.now().uptimeNanoseconds
    let records: Int
    let bytes: Int
    var checksum: UInt64 = 0xcbf2_9ce4_8422_2325
    if readerOnly {
      final class Count: @unchecked Sendable { var records = 0; var values = 0 }
      let count = Count()
      let digest = try StreamingRecordReader.read(path: path, mapping: mapping) { captured in
        count.records += 1
        count.values += captured.values.count + captured.groups.count + captured.line
      }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      print("\(digest.bytes) \(String(format: "%.6f", seconds)) \(count.records) \(String(count.values, radix: 16))")
      continue
    }
    switch mapping.kind {
    case .jobEvents:
      // As a run reads it: into the compact store (every event kept: the as-of date is far ahead).
      let file = try Ingest.jobHistory(
        path: path, mapping: mapping, input: 0, asOf: CalendarDate(daysSinceEpoch: 1 << 24))
      records = file.store.count + file.rejected.count
      bytes = file.digest.bytes
      checksum ^= UInt64(file.store.count)
    case .teamPeriods:
      let file = try Ingest.teamPeriods(path: path, mapping: mapping, input: 0)
      records = file.recordsRead
      bytes = file.digest.bytes
      for period in file.records {
        checksum = (checksum ^ UInt64(bitPattern: Int64(period.period.index))) &* 0x100_0000_01b3
      }
    case .people:
      let file = try Ingest.people(path: path, mapping: mapping, input: 0)
      records = file.recordsRead
      bytes = file.digest.bytes
      for person in file.records { checksum = (checksum ^ UInt64(person.personID.utf8.count)) &* 0x100_0000_01b3 }
    case .supportEnrolments:
      let file = try Ingest.supportEnrolments(path: path, mapping: mapping, input: 0)
      records = file.recordsRead
      bytes = file.digest.bytes
      for e in file.records { checksum = (checksum ^ UInt64(e.leaderID.utf8.count)) &* 0x100_0000_01b3 }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("\(bytes) \(String(format: "%.6f", seconds)) \(records) \(String(checksum, radix: 16))")

  }
} catch {
  FileHandle.standardError.write(Data("ingest-bench: \(error)\n".utf8))
  exit(1)
}
