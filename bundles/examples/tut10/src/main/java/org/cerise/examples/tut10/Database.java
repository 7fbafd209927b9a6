package org.cerise.examples.tut10;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Tutorial 9's database (tutorial 10 keeps it), the tutorial's {@code my.db}: an H2 database in this bundle's data
 * folder ({@code my.mv.db}), reached through the {@link DataSourceFactory} service that H2
 * registers when the OSGi JDBC API is installed (so the app names no driver class of its own).
 *
 * <p>The database stays open while this component is active ({@code DB_CLOSE_DELAY=-1}): the
 * tutorial opens a connection per call, which with H2 would otherwise reopen the file each
 * time. {@code NON_KEYWORDS=VALUE} lets the tutorial's column name {@code value} (a keyword
 * of H2) be written as the tutorial writes it.
 */
@Component(service = Database.class)
public class Database {

    private final DataSource dataSource;

    /**
     * @param context  this bundle, whose data folder holds the database file
     * @param factory  H2's data source factory
     * @throws SQLException if H2 refuses the URL
     */
    @Activate
    public Database(BundleContext context,
            @Reference(target = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.h2.Driver)") DataSourceFactory factory)
            throws SQLException {
        Properties props = new Properties();
        props.put(DataSourceFactory.JDBC_URL, "jdbc:h2:" + context.getDataFile("my").getAbsolutePath()
                + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
        props.put(DataSourceFactory.JDBC_USER, "sa");
        props.put(DataSourceFactory.JDBC_PASSWORD, "");
        this.dataSource = factory.createDataSource(props);
    }

    /**
     * @return a new connection; close it when done
     * @throws SQLException if the database cannot be opened
     */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Closes the database file, which {@code DB_CLOSE_DELAY=-1} keeps open until now. */
    @Deactivate
    void close() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed (H2's bundle stopped first): nothing left to release
        }
    }
}
