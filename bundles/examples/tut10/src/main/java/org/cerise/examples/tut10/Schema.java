package org.cerise.examples.tut10;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.cerise.api.engine.CeriseEnginePlugin;
import org.cerise.api.engine.EnginePlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tutorial 9's {@code setup_database} and {@code cleanup_database}, subscribed to the
 * engine's {@code start} and {@code stop} channels: the table {@code user_string} exists while
 * the engine runs (and, as the engine starts a plugin that arrives late and stops one that
 * leaves, while this bundle is active in a running container).
 */
@Component(service = EnginePlugin.class)
@CeriseEnginePlugin(channels = {"start", "stop"})
public class Schema implements EnginePlugin {

    private final Database database;

    /** @param database the database the table lives in */
    @Activate
    public Schema(@Reference Database database) {
        this.database = database;
    }

    /** Creates the table, as the tutorial's {@code setup_database}. */
    @Override
    public void start() throws SQLException {
        // SQLite's untyped columns need types in H2
        execute("CREATE TABLE user_string (session_id VARCHAR, value VARCHAR)");
    }

    /** Drops the table, as the tutorial's {@code cleanup_database}. */
    @Override
    public void stop() throws SQLException {
        execute("DROP TABLE user_string");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
