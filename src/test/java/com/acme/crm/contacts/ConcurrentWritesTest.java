package com.acme.crm.contacts;

import static com.acme.crm.contacts.ContactResourceTest.createContact;
import static com.acme.crm.contacts.ContactResourceTest.json;
import static com.acme.crm.contacts.ContactResourceTest.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import com.acme.crm.testsupport.AuthenticatedClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Two clients racing for the same contact or the same email: the database decides, exactly one wins. */
@QuarkusTest
@ExtendWith(AuthenticatedClient.class)
class ConcurrentWritesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @RepeatedTest(5)
    void two_puts_with_the_same_etag_give_one_200_and_one_412() throws Exception {
        long id = createContact("Race", "Put", uniqueEmail("race-put"));
        List<Integer> statuses = race(
                () -> given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                        .body(json("Left", "Put", uniqueEmail("left"))).put("/api/contacts/{id}", id).statusCode(),
                () -> given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                        .body(json("Right", "Put", uniqueEmail("right"))).put("/api/contacts/{id}", id).statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        given().get("/api/contacts/{id}", id).then().header("ETag", "\"1\"");
    }

    @RepeatedTest(5)
    void two_posts_with_the_same_email_in_different_case_give_one_201_and_one_409() throws Exception {
        String email = uniqueEmail("race-post");
        List<Integer> statuses = race(
                () -> given().contentType(ContentType.JSON).body(json("Lower", "Post", email)).post("/api/contacts")
                        .statusCode(),
                () -> given().contentType(ContentType.JSON).body(json("Upper", "Post", email.toUpperCase()))
                        .post("/api/contacts").statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        given().queryParam("q", email).get("/api/contacts").then().statusCode(200).body("totalItems",
                org.hamcrest.Matchers.equalTo(1));
    }

    /** Starts both requests at the same instant and returns their status codes. */
    private List<Integer> race(Callable<Integer> left, Callable<Integer> right) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Integer> a = pool.submit(() -> {
            start.await();
            return left.call();
        });
        Future<Integer> b = pool.submit(() -> {
            start.await();
            return right.call();
        });
        return List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
    }
}
