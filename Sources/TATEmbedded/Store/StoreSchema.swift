import Foundation
import GRDB

/// The store's schema as named, append-only migrations.
enum StoreSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: commands, invocations, tasks") { db in
      try db.execute(
        sql: """
          CREATE TABLE command (
            command_id TEXT PRIMARY KEY NOT NULL,
            command_name TEXT NOT NULL,
            description TEXT,
            content TEXT,
            command_type TEXT,
            working_directory TEXT,
            timeout INTEGER,
            created_time TEXT NOT NULL,
            updated_time TEXT,
            enable_parameter INTEGER,
            default_parameters TEXT,
            scenes TEXT,
            formatted_description TEXT,
            created_by TEXT,
            tags TEXT,
            username TEXT,
            output_cos_bucket_url TEXT,
            output_cos_key_prefix TEXT
          );
          CREATE INDEX command_by_created ON command(created_time DESC);

          CREATE TABLE invocation (
            id INTEGER PRIMARY KEY,
            invocation_id TEXT NOT NULL UNIQUE,
            command_id TEXT NOT NULL,
            command_name TEXT,
            invocation_status TEXT NOT NULL,
            description TEXT,
            start_time TEXT,
            end_time TEXT,
            created_time TEXT NOT NULL,
            updated_time TEXT,
            parameters TEXT,
            default_parameters TEXT,
            instance_kind TEXT,
            username TEXT,
            invocation_source TEXT,
            command_content TEXT,
            command_type TEXT,
            timeout INTEGER,
            working_directory TEXT,
            output_cos_bucket_url TEXT,
            output_cos_key_prefix TEXT,
            command_created_by TEXT NOT NULL
          );
          CREATE INDEX invocation_by_created ON invocation(created_time DESC, id DESC);
          CREATE INDEX invocation_by_command ON invocation(command_id, created_time DESC, id DESC);
          CREATE INDEX invocation_by_kind ON invocation(instance_kind, created_time DESC, id DESC);
          CREATE INDEX invocation_by_creator
            ON invocation(command_created_by, created_time DESC, id DESC);

          CREATE TABLE invocation_task (
            id INTEGER PRIMARY KEY,
            invocation_task_id TEXT NOT NULL UNIQUE,
            invocation_id TEXT NOT NULL REFERENCES invocation(invocation_id) ON DELETE CASCADE,
            command_id TEXT NOT NULL,
            task_status TEXT NOT NULL,
            instance_id TEXT NOT NULL,
            exit_code INTEGER,
            output TEXT,
            exec_start_time TEXT,
            exec_end_time TEXT,
            dropped INTEGER,
            output_url TEXT,
            output_upload_cos_error_info TEXT,
            start_time TEXT,
            end_time TEXT,
            created_time TEXT NOT NULL,
            updated_time TEXT,
            document_content TEXT,
            document_command_type TEXT,
            document_timeout INTEGER,
            document_working_directory TEXT,
            document_username TEXT,
            document_output_cos_bucket_url TEXT,
            document_output_cos_key_prefix TEXT,
            error_info TEXT,
            invocation_source TEXT,
            command_name TEXT
          );
          CREATE INDEX task_by_invocation ON invocation_task(invocation_id, id);
          CREATE INDEX task_by_instance ON invocation_task(instance_id, created_time DESC, id);
          CREATE INDEX task_by_command ON invocation_task(command_id, created_time DESC, id);
          CREATE INDEX task_by_created ON invocation_task(created_time DESC, id);
          """)
    }
    migrator.registerMigration("v2: a generation that every change bumps") { db in
      try db.execute(
        sql: """
          CREATE TABLE store_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
          INSERT INTO store_generation VALUES (1, 0);
          """)
    }
    migrator.registerMigration("v3: local instances and the runner of each task") { db in
      try db.execute(
        sql: """
          CREATE TABLE local_instance (
            instance_id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            created_time TEXT NOT NULL
          );
          ALTER TABLE invocation_task ADD COLUMN runner_pid INTEGER;
          ALTER TABLE command ADD COLUMN saved INTEGER NOT NULL DEFAULT 1;
          CREATE INDEX task_unfinished ON invocation_task(task_status)
            WHERE task_status IN ('PENDING', 'RUNNING', 'CANCELLING');
          """)
    }
    migrator.registerMigration("v4: the process group of each running script") { db in
      try db.execute(
        sql: """
          ALTER TABLE invocation_task ADD COLUMN script_group INTEGER;
          ALTER TABLE invocation_task ADD COLUMN script_started INTEGER;
          """)
    }
    migrator.registerMigration("v5: agents, registered instances, invokers and their records") { db in
      try db.execute(
        sql: """
          CREATE TABLE agent (
            instance_id TEXT PRIMARY KEY NOT NULL,
            agent_status TEXT NOT NULL,
            environment TEXT NOT NULL,
            body TEXT NOT NULL
          );
          CREATE TABLE register_instance (
            instance_id TEXT PRIMARY KEY NOT NULL,
            instance_name TEXT NOT NULL,
            register_status TEXT NOT NULL,
            local_ip TEXT NOT NULL,
            register_code_id TEXT NOT NULL,
            sys_name TEXT NOT NULL,
            created_time TEXT NOT NULL,
            body TEXT NOT NULL
          );
          CREATE TABLE invoker (
            invoker_id TEXT PRIMARY KEY NOT NULL,
            command_id TEXT NOT NULL,
            invoker_type TEXT NOT NULL,
            created_time TEXT NOT NULL,
            body TEXT NOT NULL
          );
          CREATE TABLE invoker_record (
            id INTEGER PRIMARY KEY,
            invoker_id TEXT NOT NULL,
            invoke_time TEXT NOT NULL,
            invocation_id TEXT NOT NULL,
            body TEXT NOT NULL
          );
          CREATE INDEX invoker_record_by_time ON invoker_record(invoke_time DESC, id DESC);
          CREATE INDEX invoker_record_by_invoker ON invoker_record(invoker_id, invoke_time DESC, id DESC);
          """)
      // Local instances made before this version get their agent and registration.
      for instance in try LocalInstance.fetchAll(db) { try instance.register(in: db) }
    }
    return migrator
  }

  /// The store's generation, which every change bumps (`EmbeddedTAT.change`).
  static let generationSQL = "SELECT value FROM store_generation WHERE id = 1"
  static let bumpGenerationSQL = "UPDATE store_generation SET value = value + 1 WHERE id = 1"

  /// The tables of a database that is not a tatsh store: it holds tables
  /// but never had tatsh's migrations. Empty for a tatsh store or an empty file.
  static func foreignTables(_ db: Database) throws -> [String] {
    let tables = try String.fetchAll(
      db,
      sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return tables.contains("grdb_migrations") ? [] : tables
  }

  /// Refuses the file at `path` when it is another program's SQLite database,
  /// before tatsh changes anything in it (its journal mode, its tables).
  static func refuseForeignDatabase(at path: String) throws {
    guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int64, size > 0
    else { return }
    var configuration = Configuration()
    configuration.readonly = true
    let foreign = try DatabaseQueue(path: path, configuration: configuration).read(foreignTables)
    guard !foreign.isEmpty else { return }
    throw ForeignDatabase(path: path, tables: foreign)
  }
}

/// A SQLite file given as the store that is another program's database.
public struct ForeignDatabase: Error, CustomStringConvertible {
  public var path: String
  public var tables: [String]
  public var description: String {
    let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
    return
      "\(path) is another program's database (its tables: \(shown)), not a tatsh store; tatsh leaves it alone: give a store of its own (--store PATH)"
  }
}
