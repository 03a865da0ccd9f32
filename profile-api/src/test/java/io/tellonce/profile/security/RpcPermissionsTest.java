package io.tellonce.profile.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RpcPermissionsTest {
    private final RpcPermissions permissions = new RpcPermissions();

    @Test
    void anUndeclaredRpcStopsTheServiceFromStartingAndIsNamed() {
        assertThatThrownBy(() -> permissions.requireDeclared(List.of("tellonce.v1.ProfileService/GetProfile",
                "tellonce.v1.NewService/DoEverything")))
                .hasMessageContaining("tellonce.v1.NewService/DoEverything")
                .hasMessageNotContaining("GetProfile");
    }

    @Test
    void anUndeclaredRpcIsAllowedToNoOne() {
        assertThat(permissions.rolesFor("tellonce.v1.NewService/DoEverything")).isEmpty();
    }
}
