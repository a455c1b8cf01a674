# The `videopro` binary: the composition root. It wires; it holds no logic.
add_executable(videopro
  main.cpp
  commands/serve_command.cpp
  commands/migrate_command.cpp
  commands/admin_command.cpp
  commands/media_metrics.cpp
  commands/ready_file.cpp
  commands/service_wiring.cpp
  commands/accounts_wiring.cpp
  commands/meetings_wiring.cpp
  commands/privacy_wiring.cpp
  commands/admin_register.cpp
  commands/enterprises_wiring.cpp
  commands/profile_wiring.cpp
  commands/key_file.cpp
  commands/admin_privacy.cpp
  commands/admin_task.cpp
  commands/admin_backup.cpp)
target_link_libraries(videopro PRIVATE vp_app_config vp_api vp_api_v1 vp_rooms vp_signaling vp_storage vp_services
                                       vp_common vp_warnings)
target_compile_definitions(videopro PRIVATE VIDEOPRO_VERSION="${PROJECT_VERSION}")
